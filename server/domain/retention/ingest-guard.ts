// The sync's "may I store / log this?" check against retention tombstones and erasure requests
// (PRODUCT #17 no resurrection; issue 8 "Erase by address"). Pure: the caller loads the purged
// Message-IDs of the mailbox and the organization's suppressed addresses, then asks per message.

export type IngestCandidate = {
  messageId: string;
  fromAddress: string | null;
  toAddresses: readonly { address: string }[];
  ccAddresses: readonly { address: string }[];
  bccAddresses?: readonly { address: string }[];
};

export type IngestGuardDecision =
  | { store: true }
  | { store: false; reason: 'metadata-purged'; rule: 17 }
  | { store: false; reason: 'address-suppressed'; rule: 'erase' };

// Addresses compare case-insensitively and trimmed, as they are stored in suppressed_address.
export function normalizeAddress(address: string): string {
  return address.trim().toLowerCase();
}

// PRODUCT #17 + erase by address: a purged Message-ID or any suppressed participant means "store nothing, log nothing".
export function ingestGuard(candidate: IngestCandidate, known: { purgedMessageIds: ReadonlySet<string>; suppressedAddresses: ReadonlySet<string> }): IngestGuardDecision {
  if (known.purgedMessageIds.has(candidate.messageId)) return { store: false, reason: 'metadata-purged', rule: 17 };
  if (known.suppressedAddresses.size > 0) {
    const participants = [candidate.fromAddress, ...candidate.toAddresses.map((a) => a.address), ...candidate.ccAddresses.map((a) => a.address), ...(candidate.bccAddresses ?? []).map((a) => a.address)];
    for (const p of participants) {
      if (p && known.suppressedAddresses.has(normalizeAddress(p))) return { store: false, reason: 'address-suppressed', rule: 'erase' };
    }
  }
  return { store: true };
}

// Issue 8 "Where a body is gone, say so": the sentences stored in engagement.body_removed_reason, which
// the timeline shows in place of the body. Never blank.
export const bodyRemovedReasons = {
  expired: 'Its body was deleted 7 days after sync under the retention policy, before it was logged.',
  erased: 'Erased at the contact\'s request.',
} as const;
