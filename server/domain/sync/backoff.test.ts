import { describe, expect, it } from 'vitest';
import { backoffDelayMs, DEFAULT_BACKOFF, nextRetryAt } from './backoff';

const opts = { baseMs: 1000, maxMs: 60_000, factor: 2 };
const low = () => 0;
const high = () => 0.999999;

describe('backoffDelayMs (PRODUCT #5)', () => {
  it.each<[number, number, number]>([
    // failures, min (random=0), max (random→1)
    [1, 500, 1000],
    [2, 1000, 2000],
    [3, 2000, 4000],
    [6, 16_000, 32_000],
    [7, 30_000, 60_000],
    [8, 30_000, 60_000],
    [1000, 30_000, 60_000],
  ])('failure %i → between %i and %i ms', (failures, min, max) => {
    expect(backoffDelayMs(failures, low, opts)).toBe(min);
    const hi = backoffDelayMs(failures, high, opts);
    expect(hi).toBeGreaterThan(min);
    expect(hi).toBeLessThanOrEqual(max);
  });

  it.each([[0], [-3], [Number.NaN], [Number.POSITIVE_INFINITY], [1.7]])('odd failure count %s is treated as the first', (f) => {
    expect(backoffDelayMs(f, low, opts)).toBe(500);
  });

  it('clamps a misbehaving random source', () => {
    expect(backoffDelayMs(1, () => -5, opts)).toBe(500);
    expect(backoffDelayMs(1, () => 7, opts)).toBeLessThanOrEqual(1000);
  });

  it('jitter spreads retries', () => {
    const values = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map((r) => backoffDelayMs(4, () => r, opts)));
    expect(values.size).toBe(5);
  });

  it.each<[number | null | undefined, number]>([
    [null, 500],
    [undefined, 500],
    [0, 500],
    [-1, 500],
    [10_000, 10_000],
    [10 * 60_000, 60_000],
  ])('Retry-After %s is a floor, capped at max → %i', (retryAfter, expected) => {
    expect(backoffDelayMs(1, low, opts, retryAfter)).toBe(expected);
  });

  it('defaults are sane: first retry within 5 s, cap 30 min', () => {
    expect(backoffDelayMs(1, high)).toBeLessThanOrEqual(5000);
    expect(backoffDelayMs(99, high)).toBeLessThanOrEqual(DEFAULT_BACKOFF.maxMs);
  });

  it('nextRetryAt adds the delay to now', () => {
    expect(nextRetryAt(new Date('2026-01-01T00:00:00Z'), 2, low, opts).toISOString()).toBe('2026-01-01T00:00:01.000Z');
  });
});
