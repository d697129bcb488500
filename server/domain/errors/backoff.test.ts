import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelayMs, nextRetryAt } from './backoff';

const fixed = (value: number) => () => value;

describe('backoffDelayMs', () => {
  it.each([
    [0, 0, 2_500],
    [0, 0.999999, 4_999],
    [1, 0, 5_000],
    [2, 0.5, 15_000],
    [5, 0, 80_000],
    [9, 0, 900_000],
    [10, 0, 900_000],
    [10, 0.999999, 1_799_999],
    [1_000, 0.5, 1_350_000],
    [Number.MAX_SAFE_INTEGER, 0, 900_000],
    [-3, 0, 2_500],
    [Number.NaN, 0, 2_500],
    [2.7, 0, 10_000],
  ])('attempt %d with random %d → %d ms (equal jitter, defaults)', (attempt, r, expected) => {
    expect(backoffDelayMs(attempt, fixed(r))).toBe(expected);
  });

  it.each([
    ['full', 3, 0.25, { baseMs: 1_000, maxMs: 60_000 }, 2_000],
    ['full', 3, 0, { baseMs: 1_000, maxMs: 60_000 }, 0],
    ['none', 3, 0.9, { baseMs: 1_000, maxMs: 60_000 }, 8_000],
    ['none', 20, 0.9, { baseMs: 1_000, maxMs: 60_000 }, 60_000],
    ['equal', 1, 0, { baseMs: 1_000, factor: 3 }, 1_500],
  ] as const)('%s jitter attempt %d random %d %j → %d', (jitter, attempt, r, options, expected) => {
    expect(backoffDelayMs(attempt, fixed(r), { ...options, jitter })).toBe(expected);
  });

  it.each([[-1], [1], [7], [Number.NaN], [Number.POSITIVE_INFINITY]])('a broken random %d stays within [0, max]', (r) => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const delay = backoffDelayMs(attempt, fixed(r));
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
    }
  });

  it('never exceeds the cap and never drops below half of it once capped', () => {
    for (let i = 0; i < 1000; i++) {
      const delay = backoffDelayMs(50, Math.random);
      expect(delay).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.maxMs / 2);
      expect(delay).toBeLessThan(DEFAULT_BACKOFF.maxMs);
    }
  });

  it('grows monotonically for a fixed random value until the cap', () => {
    const delays = Array.from({ length: 15 }, (_, attempt) => backoffDelayMs(attempt, fixed(0.5)));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
  });
});

describe('nextRetryAt', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it.each([
    [0, undefined, '2026-12-03T12:00:02.500Z'],
    [0, 60_000, '2026-12-03T12:01:00.000Z'],
    [3, 1_000, '2026-12-03T12:00:20.000Z'],
    [0, 10 * 60 * 60_000, '2026-12-03T12:30:00.000Z'],
    [0, -5, '2026-12-03T12:00:02.500Z'],
    [0, Number.NaN, '2026-12-03T12:00:02.500Z'],
  ])('attempt %d with server hint %s → %s', (attempt, hint, expected) => {
    expect(nextRetryAt(now, attempt, fixed(0), {}, hint).toISOString()).toBe(expected);
  });
});
