// Poison messages (issue 5): a message that fails three times is quarantined with its reason and
// the folder cursor moves past it, so one bad email can never stall a mailbox.

export const MAX_MESSAGE_FAILURES = 3;

export type FailureOutcome =
  | { action: 'retry'; failureCount: number }
  | { action: 'quarantine'; failureCount: number; reason: string };

/** Reasons are shown on the health page; keep them short and free of message content. */
const MAX_REASON_CHARS = 500;

// Issue 5: count one more failure for a message; the third one quarantines it.
export function recordMessageFailure(previousFailures: number, reason: string, maxFailures = MAX_MESSAGE_FAILURES): FailureOutcome {
  const failureCount = Math.max(0, Math.floor(previousFailures)) + 1;
  if (failureCount < maxFailures) return { action: 'retry', failureCount };
  const clean = reason.replace(/[\r\n\t]+/g, ' ').trim().slice(0, MAX_REASON_CHARS) || 'unknown error';
  return { action: 'quarantine', failureCount, reason: clean };
}

export type UidOutcome = { uid: number; outcome: 'ingested' | 'skipped' | 'quarantined' | 'retry' };

// Issue 5: the new cursor after a batch: the highest UID such that every UID of the batch at or
// below it is finished (ingested, skipped or quarantined). A UID still to retry holds the cursor
// just below itself so the next pass fetches it again; UIDs above it are re-fetched too, which is
// harmless because ingest is idempotent.
export function advanceCursor(lastUid: number, batch: readonly UidOutcome[]): number {
  const sorted = [...batch].filter((b) => b.uid > lastUid).sort((a, b) => a.uid - b.uid);
  let cursor = lastUid;
  for (const b of sorted) {
    if (b.outcome === 'retry') break;
    cursor = b.uid;
  }
  return cursor;
}
