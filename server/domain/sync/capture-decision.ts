// The capture decision (PRODUCT #7, #8): store the body and log on contacts, or keep metadata only.
// Returned as data with a reason so the mailbox health page can count "skipped by reason".
import type { MatchDecision } from '../threads/reply-match';
import type { Classification } from './noise';
import { findBlocked, type BlockedAddress, type NeverLogRule } from './never-log';
import { mapParticipantsToContacts } from './participants';

export type CaptureInput = {
  match: MatchDecision;
  classification: Classification;
  /** `collectParticipants()` output: normalised, own addresses already removed. */
  participants: readonly string[];
  contactByAddress: ReadonlyMap<string, string>;
  neverLog: readonly NeverLogRule[];
  /** Normalised suppressed (erased) addresses. */
  suppressed: ReadonlySet<string>;
};

export type MetadataOnlyReason =
  | 'not-a-crm-thread'
  | 'already-logged'
  | 'suppressed'
  | 'never-log'
  | 'bulk'
  | 'no-known-contact';

export type CaptureDecision =
  | {
      capture: 'body';
      reason: 'crm-thread';
      /** One engagement per contact (issue 5 "Logging"). */
      logOnContactIds: string[];
      /** Auto-replies are logged but marked; bounces mark the CRM email as bounced. */
      markAs: Classification;
      /** Suppressed addresses the stored metadata must not keep (issue 8). */
      redactAddresses: string[];
    }
  | {
      capture: 'metadata-only';
      reason: MetadataOnlyReason;
      blocked?: BlockedAddress[];
      redactAddresses: string[];
    };

// PRODUCT #7/#8: body only for CRM threads; never-log, suppression and bulk keep it to metadata.
export function decideCapture(input: CaptureInput): CaptureDecision {
  const blocked = findBlocked(input.participants, input.neverLog, input.suppressed);
  const redactAddresses = blocked.filter((b) => b.by === 'suppressed').map((b) => b.address);
  const metadataOnly = (reason: MetadataOnlyReason, extra: { blocked?: BlockedAddress[] } = {}): CaptureDecision => ({
    capture: 'metadata-only',
    reason,
    redactAddresses,
    ...extra,
  });

  if (!input.match.matched) return metadataOnly('not-a-crm-thread');
  // The message is itself the CRM's own email (Sent copy / BCC): its engagement already exists.
  if (input.match.via === 'message-id') return metadataOnly('already-logged');
  // An erased person's mail is never logged again, whoever else is on it (issue 8).
  if (redactAddresses.length > 0) return metadataOnly('suppressed', { blocked });
  // "Never log emails to or from these addresses": one blocked participant blocks the email.
  if (blocked.length > 0) return metadataOnly('never-log', { blocked });
  if (input.classification === 'bulk') return metadataOnly('bulk');
  const { contactIds } = mapParticipantsToContacts(input.participants, input.contactByAddress);
  if (contactIds.length === 0) return metadataOnly('no-known-contact');
  return { capture: 'body', reason: 'crm-thread', logOnContactIds: contactIds, markAs: input.classification, redactAddresses };
}
