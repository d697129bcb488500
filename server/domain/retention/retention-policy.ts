// Retention decisions (PRODUCT #13–#17). The purge jobs stay thin: they ask `cutoffs(now)` for the
// timestamps to put in their SQL and record the rule number each decision returns.
//
// Boundary convention (one for every rule): data is expired when now ≥ start + window, i.e. at the
// exact instant the window closes, "day 7 exactly" is expired. Windows are fixed multiples of
// 24 hours in UTC milliseconds, unaffected by daylight-saving changes. In SQL terms a row is due
// when `start <= cutoff` with `cutoff = now − window`.

const DAY_MS = 86_400_000;

export const BODY_RETENTION_DAYS = 7;
export const METADATA_RETENTION_DAYS = 60;
export const DELETED_ENGAGEMENT_PURGE_DAYS = 90;

export type RetentionRuleNumber = 13 | 14 | 15 | 16 | 17;

export type RetentionRule = {
  rule: RetentionRuleNumber;
  /** Days, or null for "kept until the organization is deleted". */
  windowDays: number | null;
  appliesTo: string;
  description: string;
};

// PRODUCT #13–#17: the table the admin panel shows (issue 8 "Visibility").
export const retentionRules: readonly RetentionRule[] = [
  { rule: 13, windowDays: null, appliesTo: 'Emails sent with sequences', description: 'Kept until the account is deleted.' },
  { rule: 14, windowDays: DELETED_ENGAGEMENT_PURGE_DAYS, appliesTo: 'Emails sent from a contact timeline', description: 'Kept until the email or the account is deleted, then purged within 90 days.' },
  { rule: 15, windowDays: DELETED_ENGAGEMENT_PURGE_DAYS, appliesTo: 'Received emails logged on a timeline', description: 'Kept until the email or the account is deleted, then purged within 90 days.' },
  { rule: 16, windowDays: BODY_RETENTION_DAYS, appliesTo: 'Bodies of all synced emails', description: 'Deleted 7 days after sync, logged or not (a logged email keeps its own copy).' },
  { rule: 17, windowDays: METADATA_RETENTION_DAYS, appliesTo: 'Metadata of all synced emails', description: 'Headers (addresses, subject, dates, ids) deleted 60 days after sync.' },
];

export type ExpiryDecision = { expired: boolean; expiresAt: Date; rule: 16 | 17 };

function expiry(start: Date, days: number, now: Date, rule: 16 | 17): ExpiryDecision {
  const expiresAt = new Date(start.getTime() + days * DAY_MS);
  // An unreadable start date is treated as expired: keeping data we cannot date is the unsafe side.
  const expired = Number.isNaN(expiresAt.getTime()) || now.getTime() >= expiresAt.getTime();
  return { expired, expiresAt, rule };
}

// PRODUCT #16: a synced body (text, HTML, raw source) is expired 7 days after sync.
export function bodyExpired(syncedAt: Date, now: Date): ExpiryDecision {
  return expiry(syncedAt, BODY_RETENTION_DAYS, now, 16);
}

// PRODUCT #17: synced metadata is expired 60 days after sync.
export function metadataExpired(syncedAt: Date, now: Date): ExpiryDecision {
  return expiry(syncedAt, METADATA_RETENTION_DAYS, now, 17);
}

export type EngagementKind = 'sent_from_timeline' | 'sequence' | 'logged_reply' | 'bcc_logged';

export type EngagementPurgeDecision =
  | { due: true; rule: 14 | 15; purgeAt: Date }
  | { due: false; rule: 13 | 14 | 15; purgeAt: Date | null; reason: 'sequence-kept' | 'not-deleted' | 'restorable' };

// PRODUCT #14 applies to what the CRM sent; #15 to what was received and logged (replies, BCC).
export function engagementRule(kind: EngagementKind): 13 | 14 | 15 {
  if (kind === 'sequence') return 13;
  if (kind === 'sent_from_timeline') return 14;
  return 15;
}

// PRODUCT #13–#15: a deleted engagement is purged 90 days after deletion; sequence emails never
// (while the organization exists); a live engagement never.
export function engagementPurgeDue(engagement: { kind: EngagementKind; deletedAt: Date | null }, now: Date): EngagementPurgeDecision {
  const rule = engagementRule(engagement.kind);
  if (rule === 13) return { due: false, rule, purgeAt: null, reason: 'sequence-kept' };
  if (!engagement.deletedAt) return { due: false, rule, purgeAt: null, reason: 'not-deleted' };
  const purgeAt = new Date(engagement.deletedAt.getTime() + DELETED_ENGAGEMENT_PURGE_DAYS * DAY_MS);
  if (Number.isNaN(purgeAt.getTime()) || now.getTime() >= purgeAt.getTime()) return { due: true, rule, purgeAt };
  return { due: false, rule, purgeAt, reason: 'restorable' };
}

export type RetentionCutoffs = {
  /** PRODUCT #16: purge bodies of messages with synced_at <= this. */
  bodySyncedAtOrBefore: Date;
  /** PRODUCT #17: purge metadata of messages with synced_at <= this. */
  metadataSyncedAtOrBefore: Date;
  /** PRODUCT #14/#15: purge engagements (kind <> 'sequence') with deleted_at <= this. */
  engagementDeletedAtOrBefore: Date;
};

// PRODUCT #14–#17: the timestamps the purge SQL compares with `<=`, consistent with the decisions above.
export function cutoffs(now: Date): RetentionCutoffs {
  const t = now.getTime();
  return {
    bodySyncedAtOrBefore: new Date(t - BODY_RETENTION_DAYS * DAY_MS),
    metadataSyncedAtOrBefore: new Date(t - METADATA_RETENTION_DAYS * DAY_MS),
    engagementDeletedAtOrBefore: new Date(t - DELETED_ENGAGEMENT_PURGE_DAYS * DAY_MS),
  };
}

// PRODUCT #16: when a freshly synced body expires (message.body_expires_at).
export function bodyExpiresAt(syncedAt: Date): Date {
  return new Date(syncedAt.getTime() + BODY_RETENTION_DAYS * DAY_MS);
}
