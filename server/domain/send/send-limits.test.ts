import { describe, expect, it } from 'vitest';
import { checkSendLimits } from './send-limits';

const now = new Date('2026-12-03T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms);
const MIN = 60_000;
const HOUR = 60 * MIN;
const spread = (count: number, fromMsAgo: number, stepMs: number) => Array.from({ length: count }, (_, i) => ago(fromMsAgo - i * stepMs));

describe('checkSendLimits', () => {
  it('allows the first send and reports what remains', () => {
    expect(checkSendLimits({ now, sentAt: [] })).toEqual({ allowed: true, remainingToday: 999, remainingThisMinute: 29 });
  });

  it('allows the 1,000th send in 24 hours and refuses the 1,001st', () => {
    const sent = spread(999, 23 * HOUR, MIN); // one a minute, all within the last 24 h, none in the last minute
    expect(checkSendLimits({ now, sentAt: sent })).toMatchObject({ allowed: true, remainingToday: 0 });
    const full = [...sent, ago(5 * MIN)];
    const refused = checkSendLimits({ now, sentAt: full });
    expect(refused).toMatchObject({ allowed: false, limit: 'per-day' });
    if (!refused.allowed && refused.limit === 'per-day') {
      // The oldest send (23 h ago) leaves the window in 1 h.
      expect(refused.retryAt.toISOString()).toBe('2026-12-03T13:00:00.000Z');
      expect(refused.message).toBe('This mailbox has reached its limit of 1,000 emails per 24 hours. You can send again in 1 h.');
    }
  });

  it('uses a rolling window: sends older than 24 hours do not count', () => {
    const old = spread(1000, 48 * HOUR, MIN);
    expect(checkSendLimits({ now, sentAt: [...old, ago(24 * HOUR)] })).toMatchObject({ allowed: true, remainingToday: 999 });
  });

  it('counts a send exactly 24 h ago as outside, and one a millisecond later as inside', () => {
    const limits = { perDay: 1, perMinute: 10 };
    expect(checkSendLimits({ now, sentAt: [ago(24 * HOUR)], limits }).allowed).toBe(true);
    expect(checkSendLimits({ now, sentAt: [ago(24 * HOUR - 1)], limits })).toMatchObject({ allowed: false, limit: 'per-day' });
  });

  it.each([
    [30, 'per-minute'],
    [31, 'per-minute'],
  ])('refuses after %d sends in the last minute', (count) => {
    const sent = spread(count, 50_000, 1_000); // 50 s … ago
    const result = checkSendLimits({ now, sentAt: sent });
    expect(result).toMatchObject({ allowed: false, limit: 'per-minute' });
    if (!result.allowed && result.limit === 'per-minute') {
      expect(result.retryAt.toISOString()).toBe(new Date(sent[count - 30]!.getTime() + MIN).toISOString());
      expect(result.message).toMatch(/^This mailbox can send 30 emails per minute\. You can send again in \d+ seconds?\.$/);
    }
  });

  it.each([
    [{ perDay: 5, perMinute: 5 }, 4, 1, true],
    [{ perDay: 5, perMinute: 5 }, 5, 1, false],
    [{ perDay: 5, perMinute: 5 }, 3, 2, true],
    [{ perDay: 5, perMinute: 5 }, 4, 2, false],
  ])('limits %j with %d sent in the last hour and %d more → allowed %s', (limits, already, count, allowed) => {
    const sent = spread(already, 30 * MIN, MIN);
    expect(checkSendLimits({ now, sentAt: sent, limits, count }).allowed).toBe(allowed);
  });

  it('refuses a batch larger than a cap outright, with no retry time', () => {
    expect(checkSendLimits({ now, sentAt: [], count: 31 })).toMatchObject({ allowed: false, limit: 'batch-too-large', retryAt: null });
    expect(checkSendLimits({ now, sentAt: [], count: 5, limits: { perDay: 4, perMinute: 10 } })).toMatchObject({ allowed: false, limit: 'batch-too-large' });
  });

  it.each([[0], [-1], [Number.NaN], [1.5]])('a broken per-day limit %d falls back to the default', (perDay) => {
    expect(checkSendLimits({ now, sentAt: [], limits: { perDay } })).toMatchObject({ allowed: true, remainingToday: 999 });
  });

  it('future timestamps (clock skew) count against the limit', () => {
    const future = new Date(now.getTime() + 5_000);
    expect(checkSendLimits({ now, sentAt: [future], limits: { perDay: 1, perMinute: 10 } })).toMatchObject({ allowed: false, limit: 'per-day' });
  });

  it('ignores invalid dates', () => {
    expect(checkSendLimits({ now, sentAt: [new Date('nope')], limits: { perDay: 1, perMinute: 1 } }).allowed).toBe(true);
  });

  it('accepts unordered timestamps', () => {
    const sent = [ago(10 * HOUR), ago(20 * HOUR), ago(2 * HOUR)];
    const result = checkSendLimits({ now, sentAt: sent, limits: { perDay: 3, perMinute: 10 } });
    expect(result).toMatchObject({ allowed: false, limit: 'per-day' });
    if (!result.allowed && result.retryAt) expect(result.retryAt.toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });

  it.each([
    [30 * 1000, '30 seconds'],
    [1000, '1 second'],
    [61 * 1000, '2 minutes'],
    [90 * MIN, '1 h 30 min'],
    [3 * HOUR + 12 * MIN, '3 h 12 min'],
  ])('phrases a wait of %d ms as "%s"', (waitMs, phrase) => {
    const sent = [new Date(now.getTime() - 24 * HOUR + waitMs)];
    const result = checkSendLimits({ now, sentAt: sent, limits: { perDay: 1, perMinute: 10 } });
    expect(!result.allowed && result.message).toContain(`You can send again in ${phrase}.`);
  });
});
