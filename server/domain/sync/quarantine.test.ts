import { describe, expect, it } from 'vitest';
import { advanceCursor, recordMessageFailure, type UidOutcome } from './quarantine';

describe('recordMessageFailure (issue 5)', () => {
  it.each<[number, string, number]>([
    [0, 'retry', 1],
    [1, 'retry', 2],
    [2, 'quarantine', 3],
    [5, 'quarantine', 6],
    [-4, 'retry', 1],
  ])('after %i failures → %s (%i)', (prev, action, count) => {
    expect(recordMessageFailure(prev, 'parse error')).toMatchObject({ action, failureCount: count });
  });

  it('keeps a one-line, bounded reason', () => {
    const d = recordMessageFailure(2, 'line1\r\nline2\t' + 'x'.repeat(2000));
    expect(d.action).toBe('quarantine');
    if (d.action === 'quarantine') {
      expect(d.reason).not.toMatch(/[\r\n\t]/);
      expect(d.reason.length).toBe(500);
    }
  });

  it('an empty reason becomes "unknown error"', () => {
    expect(recordMessageFailure(2, '  ')).toEqual({ action: 'quarantine', failureCount: 3, reason: 'unknown error' });
  });

  it('a custom limit is honoured', () => {
    expect(recordMessageFailure(0, 'x', 1).action).toBe('quarantine');
  });
});

describe('advanceCursor (issue 5: the cursor moves past quarantined messages)', () => {
  const o = (uid: number, outcome: UidOutcome['outcome']): UidOutcome => ({ uid, outcome });
  it.each<[string, number, UidOutcome[], number]>([
    ['empty batch', 10, [], 10],
    ['all ingested', 10, [o(11, 'ingested'), o(12, 'ingested'), o(15, 'ingested')], 15],
    ['quarantined is passed', 10, [o(11, 'ingested'), o(12, 'quarantined'), o(13, 'ingested')], 13],
    ['skipped is passed', 10, [o(11, 'skipped'), o(12, 'ingested')], 12],
    ['retry holds the cursor', 10, [o(11, 'ingested'), o(12, 'retry'), o(13, 'ingested')], 11],
    ['first one to retry', 10, [o(11, 'retry'), o(12, 'ingested')], 10],
    ['unsorted input', 10, [o(13, 'ingested'), o(11, 'ingested'), o(12, 'quarantined')], 13],
    ['UIDs at or below the cursor are ignored', 10, [o(5, 'retry'), o(10, 'retry'), o(11, 'ingested')], 11],
  ])('%s', (_n, last, batch, expected) => {
    expect(advanceCursor(last, batch)).toBe(expected);
  });
});
