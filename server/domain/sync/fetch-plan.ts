// What to ask the IMAP server for on each folder pass (RFC 3501, RFC 7162 CONDSTORE/QRESYNC).
// The adapter executes the plan; this function only decides, so every branch is a table row.

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type FolderStage = 'initial' | 'incremental' | 'rebuild';

/** The durable cursor (mailbox_folder row). */
export type StoredFolderState = {
  uidValidity: bigint | null;
  lastUid: number;
  highestModseq: bigint | null;
  stage: FolderStage;
  lastFlagSweepAt: Date | null;
};

/** STATUS / SELECT response of the server for the folder. */
export type ServerFolderStatus = {
  uidValidity: bigint;
  /** Null when the server did not report UIDNEXT. */
  uidNext: number | null;
  /** Null when the server has no CONDSTORE or reports NOMODSEQ. */
  highestModseq: bigint | null;
  exists: number;
  capabilities: { condstore: boolean; qresync: boolean };
};

export type FetchPlanInput = {
  stored: StoredFolderState;
  server: ServerFolderStatus;
  now: Date;
  flagSweepIntervalMs: number;
  backfillWindowDays: number;
};

export type FetchPlan =
  | {
      kind: 'initial';
      since: Date;
      /** RFC 3501 date for `UID SEARCH SINCE`. */
      searchSince: string;
      /** Resume an interrupted initial sync: only UIDs above this one. */
      resumeAfterUid: number;
    }
  | {
      kind: 'rebuild';
      reason: 'uidvalidity-changed' | 'rebuild-resumed';
      previousUidValidity: bigint | null;
      uidValidity: bigint;
      since: Date;
      searchSince: string;
      resumeAfterUid: number;
      /**
       * How the rebuild avoids duplicates: message rows are matched by (mailbox, Message-ID) and
       * re-keyed to the new (uid_validity, uid) instead of inserted; engagements are keyed by
       * (message, contact) so none is created twice; rows whose Message-ID never reappears are
       * marked vanished when the rebuild completes.
       */
      dedupeBy: 'message-id';
    }
  | {
      kind: 'incremental';
      /** `UID FETCH <range>` for new mail, or null when UIDNEXT says there is none. */
      newUidRange: string | null;
      /** `N:*` returns the highest message even when its UID < N (RFC 3501 §6.4.8): drop UIDs below this. */
      minNewUid: number;
      /** `CHANGEDSINCE` value for flag changes (RFC 7162 §3.1.4), or null. */
      changedSince: bigint | null;
      /** Ask for `VANISHED` (QRESYNC, RFC 7162 §3.2.6) to learn expunged UIDs. */
      vanished: boolean;
      /** Also list all known UIDs' flags (finds expunges and flag changes without CONDSTORE). */
      flagSweep: boolean;
    }
  | { kind: 'flag-sweep'; uidRange: string }
  | { kind: 'nothing' };

// Issue 5 / PRODUCT #17: the start of the backfill window (metadata older than 60 days would be purged).
export function backfillSince(now: Date, windowDays: number): Date {
  return new Date(now.getTime() - Math.max(0, windowDays) * DAY_MS);
}

// RFC 3501 §9 date ("1-Feb-2026") for SEARCH SINCE. SINCE compares whole days in the server's
// time zone, so we go one day earlier than the UTC day: a superset, never a missed message.
export function imapSearchDate(d: Date): string {
  const day = new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS - DAY_MS);
  return `${day.getUTCDate()}-${MONTHS[day.getUTCMonth()]}-${day.getUTCFullYear()}`;
}

// RFC 3501 / RFC 7162: rebuild on UIDVALIDITY change, initial, incremental, flag sweep or nothing.
export function planFetch(input: FetchPlanInput): FetchPlan {
  const { stored, server, now } = input;
  const since = backfillSince(now, input.backfillWindowDays);
  const searchSince = imapSearchDate(since);

  if (stored.uidValidity !== null && stored.uidValidity !== server.uidValidity) {
    // RFC 3501 §2.3.1.1: every stored UID is meaningless now; start over from UID 0.
    return { kind: 'rebuild', reason: 'uidvalidity-changed', previousUidValidity: stored.uidValidity, uidValidity: server.uidValidity, since, searchSince, resumeAfterUid: 0, dedupeBy: 'message-id' };
  }
  if (stored.stage === 'rebuild') {
    return { kind: 'rebuild', reason: 'rebuild-resumed', previousUidValidity: null, uidValidity: server.uidValidity, since, searchSince, resumeAfterUid: stored.lastUid, dedupeBy: 'message-id' };
  }
  if (stored.uidValidity === null || stored.stage === 'initial') {
    return { kind: 'initial', since, searchSince, resumeAfterUid: stored.lastUid };
  }

  const minNewUid = stored.lastUid + 1;
  // Unknown UIDNEXT: we must ask. Otherwise UIDNEXT beyond our cursor means new (or new-then-expunged) mail.
  const hasNew = server.uidNext === null || server.uidNext > minNewUid;

  const condstore = server.capabilities.condstore && server.highestModseq !== null;
  const qresync = condstore && server.capabilities.qresync;
  const baseline = condstore && stored.highestModseq !== null;
  const modseqUp = baseline && (server.highestModseq as bigint) > (stored.highestModseq as bigint);
  // A lower HIGHESTMODSEQ means the server lost its mod-sequence history: trust nothing, sweep.
  const modseqDown = baseline && (server.highestModseq as bigint) < (stored.highestModseq as bigint);

  // Without QRESYNC nothing reports expunges, and without a stored modseq nothing reports flag
  // changes: both need a periodic full listing.
  const sweepElapsed = stored.lastFlagSweepAt === null || now.getTime() - stored.lastFlagSweepAt.getTime() >= input.flagSweepIntervalMs;
  const sweepDue = stored.lastUid > 0 && (modseqDown || (condstore && !baseline) || (!qresync && sweepElapsed));

  if (!hasNew && !modseqUp && !sweepDue) return { kind: 'nothing' };
  if (!hasNew && !modseqUp) return { kind: 'flag-sweep', uidRange: `1:${stored.lastUid}` };
  return {
    kind: 'incremental',
    newUidRange: hasNew ? `${minNewUid}:*` : null,
    minNewUid,
    changedSince: modseqUp ? stored.highestModseq : null,
    vanished: qresync && modseqUp,
    flagSweep: sweepDue,
  };
}
