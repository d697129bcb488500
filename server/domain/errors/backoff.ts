// Capped, jittered exponential backoff (PRODUCT #5: degraded mailboxes are retried with backoff).

export type BackoffOptions = {
  /** Delay before the first retry, before jitter. */
  baseMs?: number;
  /** No delay ever exceeds this, jitter included. */
  maxMs?: number;
  factor?: number;
  /** 'equal' keeps at least half of the delay (no hot retry loops); 'full' spreads over [0, delay). */
  jitter?: 'equal' | 'full' | 'none';
};

export const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 30 * 60_000, factor: 2, jitter: 'equal' } as const satisfies Required<BackoffOptions>;

// PRODUCT #5: delay before retry number `attempt` (0 = first retry); `random` returns [0, 1).
export function backoffDelayMs(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const { baseMs, maxMs, factor, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const safeAttempt = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
  // Grow in log space so attempt 10,000 cannot overflow to Infinity or NaN.
  const ceiling = Math.min(maxMs, baseMs * Math.pow(factor, Math.min(safeAttempt, 1024)));
  const capped = Number.isFinite(ceiling) ? ceiling : maxMs;
  const r = clampRandom(random());
  if (jitter === 'none') return Math.round(capped);
  if (jitter === 'full') return Math.floor(capped * r);
  return Math.floor(capped / 2 + (capped / 2) * r);
}

// PRODUCT #5: when to retry, honouring a server's own hint (e.g. an imapflow throttle reset) if it is longer.
export function nextRetryAt(now: Date, attempt: number, random: () => number, options: BackoffOptions = {}, serverHintMs?: number): Date {
  const delay = backoffDelayMs(attempt, random, options);
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const hint = serverHintMs !== undefined && Number.isFinite(serverHintMs) && serverHintMs > 0 ? Math.min(serverHintMs, maxMs) : 0;
  return new Date(now.getTime() + Math.max(delay, hint));
}

// A broken random source must not produce negative or unbounded delays.
function clampRandom(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 - Number.EPSILON : value;
}
