import { describe, expect, it } from 'vitest';
import { backfillSince, imapSearchDate, planFetch, type FetchPlanInput, type ServerFolderStatus, type StoredFolderState } from './fetch-plan';

const now = new Date('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const stored = (o: Partial<StoredFolderState> = {}): StoredFolderState => ({
  uidValidity: 100n,
  lastUid: 500,
  highestModseq: 9000n,
  stage: 'incremental',
  lastFlagSweepAt: new Date(now.getTime() - HOUR),
  ...o,
});
const server = (o: Partial<ServerFolderStatus> = {}): ServerFolderStatus => ({
  uidValidity: 100n,
  uidNext: 501,
  highestModseq: 9000n,
  exists: 480,
  capabilities: { condstore: true, qresync: true },
  ...o,
});
const plan = (s: Partial<StoredFolderState>, v: Partial<ServerFolderStatus>, extra: Partial<FetchPlanInput> = {}) =>
  planFetch({ stored: stored(s), server: server(v), now, flagSweepIntervalMs: 6 * HOUR, backfillWindowDays: 60, ...extra });
const plain = { condstore: false, qresync: false };
const condstoreOnly = { condstore: true, qresync: false };

describe('planFetch (RFC 3501 / RFC 7162)', () => {
  it.each<[string, Partial<StoredFolderState>, Partial<ServerFolderStatus>, object]>([
    // Fast path
    ['QRESYNC, nothing changed', {}, {}, { kind: 'nothing' }],
    ['CONDSTORE only, nothing changed, sweep not due', {}, { capabilities: condstoreOnly }, { kind: 'nothing' }],
    ['plain IMAP, nothing changed, sweep not due', {}, { capabilities: plain, highestModseq: null }, { kind: 'nothing' }],
    ['empty folder never synced anything, plain IMAP', { lastUid: 0, lastFlagSweepAt: null }, { uidNext: 1, capabilities: plain, highestModseq: null }, { kind: 'nothing' }],
    // New mail
    ['new mail with QRESYNC', {}, { uidNext: 503 }, { kind: 'incremental', newUidRange: '501:*', minNewUid: 501, changedSince: null, vanished: false, flagSweep: false }],
    ['new mail and flag changes', {}, { uidNext: 503, highestModseq: 9005n }, { kind: 'incremental', newUidRange: '501:*', changedSince: 9000n, vanished: true, flagSweep: false }],
    ['only flag changes (QRESYNC)', {}, { highestModseq: 9001n }, { kind: 'incremental', newUidRange: null, changedSince: 9000n, vanished: true, flagSweep: false }],
    ['only flag changes (CONDSTORE only)', {}, { highestModseq: 9001n, capabilities: condstoreOnly }, { kind: 'incremental', newUidRange: null, changedSince: 9000n, vanished: false, flagSweep: false }],
    ['unknown UIDNEXT: must ask', {}, { uidNext: null }, { kind: 'incremental', newUidRange: '501:*', flagSweep: false }],
    ['new mail, plain IMAP', {}, { uidNext: 510, capabilities: plain, highestModseq: null }, { kind: 'incremental', newUidRange: '501:*', changedSince: null, vanished: false, flagSweep: false }],
    // Sweeps
    ['plain IMAP, sweep due', { lastFlagSweepAt: new Date(now.getTime() - 6 * HOUR) }, { capabilities: plain, highestModseq: null }, { kind: 'flag-sweep', uidRange: '1:500' }],
    ['plain IMAP, never swept', { lastFlagSweepAt: null }, { capabilities: plain, highestModseq: null }, { kind: 'flag-sweep', uidRange: '1:500' }],
    ['plain IMAP, sweep due 1 ms early → nothing', { lastFlagSweepAt: new Date(now.getTime() - 6 * HOUR + 1) }, { capabilities: plain, highestModseq: null }, { kind: 'nothing' }],
    ['plain IMAP, new mail + sweep due', { lastFlagSweepAt: null }, { uidNext: 600, capabilities: plain, highestModseq: null }, { kind: 'incremental', newUidRange: '501:*', flagSweep: true }],
    ['CONDSTORE without QRESYNC still sweeps for expunges', { lastFlagSweepAt: null }, { capabilities: condstoreOnly }, { kind: 'flag-sweep', uidRange: '1:500' }],
    ['QRESYNC never needs the timed sweep', { lastFlagSweepAt: null }, {}, { kind: 'nothing' }],
    ['CONDSTORE appeared, no stored modseq: one sweep to get a baseline', { highestModseq: null }, {}, { kind: 'flag-sweep', uidRange: '1:500' }],
    ['server modseq went backwards: sweep', {}, { highestModseq: 10n }, { kind: 'flag-sweep', uidRange: '1:500' }],
    ['server modseq backwards + new mail', {}, { highestModseq: 10n, uidNext: 502 }, { kind: 'incremental', changedSince: null, vanished: false, flagSweep: true }],
    ['NOMODSEQ server that advertises CONDSTORE', { highestModseq: null, lastFlagSweepAt: null }, { highestModseq: null, capabilities: condstoreOnly }, { kind: 'flag-sweep' }],
    // Initial
    ['never synced', { uidValidity: null, lastUid: 0, stage: 'initial' }, {}, { kind: 'initial', resumeAfterUid: 0, searchSince: '8-Jan-2026' }],
    ['initial sync interrupted at UID 240', { stage: 'initial', lastUid: 240 }, {}, { kind: 'initial', resumeAfterUid: 240 }],
    // Rebuild
    ['UIDVALIDITY changed', {}, { uidValidity: 200n }, { kind: 'rebuild', reason: 'uidvalidity-changed', previousUidValidity: 100n, uidValidity: 200n, resumeAfterUid: 0, dedupeBy: 'message-id' }],
    ['UIDVALIDITY changed during initial sync', { stage: 'initial', lastUid: 30 }, { uidValidity: 7n }, { kind: 'rebuild', reason: 'uidvalidity-changed', resumeAfterUid: 0 }],
    ['rebuild interrupted, resumes', { stage: 'rebuild', lastUid: 77 }, {}, { kind: 'rebuild', reason: 'rebuild-resumed', resumeAfterUid: 77 }],
  ])('%s', (_n, s, v, expected) => {
    expect(plan(s, v)).toMatchObject(expected);
  });

  it('uses the configured backfill window', () => {
    const p = plan({ uidValidity: null, stage: 'initial', lastUid: 0 }, {}, { backfillWindowDays: 7 });
    expect(p).toMatchObject({ kind: 'initial', since: new Date('2026-03-03T12:00:00Z'), searchSince: '2-Mar-2026' });
  });

  it('a huge modseq (beyond 2^53) compares exactly', () => {
    const big = 2n ** 63n - 2n;
    expect(plan({ highestModseq: big }, { highestModseq: big })).toEqual({ kind: 'nothing' });
    expect(plan({ highestModseq: big }, { highestModseq: big + 1n })).toMatchObject({ kind: 'incremental', changedSince: big });
  });
});

describe('backfillSince / imapSearchDate', () => {
  it.each<[number, string]>([
    [0, '2026-03-10T12:00:00.000Z'],
    [1, '2026-03-09T12:00:00.000Z'],
    [60, '2026-01-09T12:00:00.000Z'],
    [-5, '2026-03-10T12:00:00.000Z'],
  ])('%i days', (days, iso) => {
    expect(backfillSince(now, days).toISOString()).toBe(iso);
  });

  it.each([
    ['2026-01-09T12:00:00Z', '8-Jan-2026'],
    ['2026-01-01T00:00:00Z', '31-Dec-2025'],
    ['2024-03-01T23:59:59Z', '29-Feb-2024'],
  ])('imapSearchDate(%s) = %s (one day early, for server time zones)', (iso, expected) => {
    expect(imapSearchDate(new Date(iso))).toBe(expected);
  });
});
