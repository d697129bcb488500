import { describe, expect, it } from 'vitest';
import {
  bodyExpired,
  bodyExpiresAt,
  cutoffs,
  engagementPurgeDue,
  engagementRule,
  metadataExpired,
  retentionRules,
  type EngagementKind,
} from './retention-policy';

const DAY = 86_400_000;
const start = new Date('2026-01-01T10:00:00Z');
const at = (days: number, ms = 0) => new Date(start.getTime() + days * DAY + ms);

describe('bodyExpired (PRODUCT #16, 7 days)', () => {
  it.each<[string, Date, boolean]>([
    ['day 0', at(0), false],
    ['day 6', at(6), false],
    ['day 7 minus 1 ms', at(7, -1), false],
    ['day 7 exactly', at(7), true],
    ['day 7 plus 1 ms', at(7, 1), true],
    ['day 8', at(8), true],
    ['clock behind sync time', at(-1), false],
  ])('%s → expired %s', (_n, now, expired) => {
    expect(bodyExpired(start, now)).toEqual({ expired, expiresAt: at(7), rule: 16 });
  });

  it('an invalid sync date counts as expired', () => {
    expect(bodyExpired(new Date('nope'), at(0)).expired).toBe(true);
  });

  it('is 7 × 24 h even across a DST change', () => {
    const s = new Date('2026-03-25T12:00:00Z');
    expect(bodyExpired(s, new Date('2026-04-01T11:59:59.999Z')).expired).toBe(false);
    expect(bodyExpired(s, new Date('2026-04-01T12:00:00Z')).expired).toBe(true);
  });

  it('bodyExpiresAt agrees with bodyExpired', () => {
    expect(bodyExpiresAt(start)).toEqual(bodyExpired(start, start).expiresAt);
  });
});

describe('metadataExpired (PRODUCT #17, 60 days)', () => {
  it.each<[string, Date, boolean]>([
    ['day 59', at(59), false],
    ['day 60 minus 1 ms', at(60, -1), false],
    ['day 60 exactly', at(60), true],
    ['day 61', at(61), true],
  ])('%s → expired %s', (_n, now, expired) => {
    expect(metadataExpired(start, now)).toEqual({ expired, expiresAt: at(60), rule: 17 });
  });
});

describe('engagementPurgeDue (PRODUCT #13–#15, 90 days after deletion)', () => {
  it.each<[EngagementKind, number]>([
    ['sequence', 13],
    ['sent_from_timeline', 14],
    ['logged_reply', 15],
    ['bcc_logged', 15],
  ])('%s → rule %i', (kind, rule) => {
    expect(engagementRule(kind)).toBe(rule);
  });

  it.each<[string, EngagementKind, Date | null, Date, boolean, number, string?]>([
    ['timeline email not deleted, years later', 'sent_from_timeline', null, at(5000), false, 14, 'not-deleted'],
    ['reply not deleted', 'logged_reply', null, at(5000), false, 15, 'not-deleted'],
    ['timeline email, day 89 after deletion', 'sent_from_timeline', start, at(89), false, 14, 'restorable'],
    ['timeline email, 1 ms before day 90', 'sent_from_timeline', start, at(90, -1), false, 14, 'restorable'],
    ['timeline email, day 90 exactly', 'sent_from_timeline', start, at(90), true, 14],
    ['timeline email, day 91', 'sent_from_timeline', start, at(91), true, 14],
    ['logged reply, day 89', 'logged_reply', start, at(89), false, 15, 'restorable'],
    ['logged reply, day 90', 'logged_reply', start, at(90), true, 15],
    ['bcc logged, day 91', 'bcc_logged', start, at(91), true, 15],
    ['sequence, deleted 10 years ago', 'sequence', start, at(3650), false, 13, 'sequence-kept'],
    ['sequence, not deleted', 'sequence', null, at(3650), false, 13, 'sequence-kept'],
  ])('%s', (_n, kind, deletedAt, now, due, rule, reason) => {
    const d = engagementPurgeDue({ kind, deletedAt }, now);
    expect(d.due).toBe(due);
    expect(d.rule).toBe(rule);
    if (!d.due) expect(d.reason).toBe(reason);
    if (deletedAt && kind !== 'sequence') expect(d.purgeAt).toEqual(at(90));
  });
});

describe('cutoffs (what the purge SQL compares with <=)', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('gives the three cutoffs', () => {
    expect(cutoffs(now)).toEqual({
      bodySyncedAtOrBefore: new Date('2026-05-25T00:00:00Z'),
      metadataSyncedAtOrBefore: new Date('2026-04-02T00:00:00Z'),
      engagementDeletedAtOrBefore: new Date('2026-03-03T00:00:00Z'),
    });
  });

  it.each([-1, 0, 1])('agrees with the decisions at the boundary (offset %i ms)', (offset) => {
    const c = cutoffs(now);
    const synced = new Date(c.bodySyncedAtOrBefore.getTime() + offset);
    expect(bodyExpired(synced, now).expired).toBe(synced <= c.bodySyncedAtOrBefore);
    const syncedMeta = new Date(c.metadataSyncedAtOrBefore.getTime() + offset);
    expect(metadataExpired(syncedMeta, now).expired).toBe(syncedMeta <= c.metadataSyncedAtOrBefore);
    const deleted = new Date(c.engagementDeletedAtOrBefore.getTime() + offset);
    expect(engagementPurgeDue({ kind: 'logged_reply', deletedAt: deleted }, now).due).toBe(deleted <= c.engagementDeletedAtOrBefore);
  });
});

describe('retentionRules (admin panel)', () => {
  it('lists every rule 13–17 once, with the windows the decisions use', () => {
    expect(retentionRules.map((r) => [r.rule, r.windowDays])).toEqual([
      [13, null],
      [14, 90],
      [15, 90],
      [16, 7],
      [17, 60],
    ]);
    for (const r of retentionRules) expect(r.description.length).toBeGreaterThan(10);
  });
});
