// PRODUCT #11: a rep who clicks reply/forward on an old email, deletes its text and changes the
// recipient creates a "new" email that still references the old thread, so unrelated emails end up
// in one thread. The composer asks this function whether to steer the rep to a template / new email.
import { normaliseAddress } from '../sync/participants';

export type ComposeMode = 'new' | 'reply' | 'forward';

export type PitfallInput = {
  mode: ComposeMode;
  /** Everyone on the original thread (from/to/cc of its messages). */
  originalParticipants: readonly string[];
  /** To + Cc + Bcc of the draft. */
  recipients: readonly string[];
  /** Does the draft body still contain the quoted original? */
  quotedOriginalKept: boolean;
  /** The sender's own addresses (never "new" recipients). */
  ownAddresses?: readonly string[];
};

export type PitfallDecision =
  | { nudge: false; reason: 'new-email' | 'same-conversation' | 'forward-with-original' | 'no-recipients' }
  | {
      nudge: true;
      reason: 'new-recipients-without-original';
      /** Recipients who were not on the original thread. */
      newRecipients: string[];
      /** What the composer offers instead: a template, or a new email that carries no old references. */
      suggest: 'template-or-new-email';
    };

// PRODUCT #11: nudge when a reply/forward goes to someone outside the thread and the original text is gone.
export function threadPitfall(input: PitfallInput): PitfallDecision {
  if (input.mode === 'new') return { nudge: false, reason: 'new-email' };
  const known = new Set<string>();
  for (const a of [...input.originalParticipants, ...(input.ownAddresses ?? [])]) {
    const n = normaliseAddress(a);
    if (n) known.add(n);
  }
  const recipients = [...new Set(input.recipients.map((r) => normaliseAddress(r)).filter((r): r is string => r !== null))];
  if (recipients.length === 0) return { nudge: false, reason: 'no-recipients' };
  const newRecipients = recipients.filter((r) => !known.has(r));
  if (newRecipients.length === 0) return { nudge: false, reason: 'same-conversation' };
  // Forwarding the original to someone new is what forwarding is for; only an emptied body is the pitfall.
  if (input.quotedOriginalKept) return { nudge: false, reason: 'forward-with-original' };
  return { nudge: true, reason: 'new-recipients-without-original', newRecipients, suggest: 'template-or-new-email' };
}
