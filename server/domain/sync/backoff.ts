// Retry pacing for per-mailbox sync failures (PRODUCT #5: network, throttling and TLS failures are
// retried with backoff; issue 5 "the rest back off per mailbox"). EmailEngine's reconnect-backoff idea.

export type BackoffOptions = {
  baseMs: number;
  maxMs: number;
  /** Growth per failure; 2 doubles. */
  factor?: number;
};

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, maxMs: 30 * 60_000, factor: 2 };

// PRODUCT #5: capped exponential backoff with "equal jitter": half fixed, half random, so a fleet of
// mailboxes that failed together (provider outage) does not retry in lockstep, yet never retries
// immediately. `failures` counts consecutive failures (1 = first); `random` returns [0, 1).
export function backoffDelayMs(failures: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF, retryAfterMs?: number | null): number {
  const n = Number.isFinite(failures) ? Math.max(1, Math.floor(failures)) : 1;
  const factor = options.factor ?? 2;
  // Exponent capped so the power never overflows into Infinity/NaN arithmetic.
  const exp = Math.min(n - 1, 64);
  const ceiling = Math.min(options.maxMs, options.baseMs * factor ** exp);
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  const delay = Math.round(ceiling / 2 + r * (ceiling / 2));
  // A provider's Retry-After (throttling) is a floor, but never beyond our own cap.
  const hinted = retryAfterMs != null && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? Math.min(retryAfterMs, options.maxMs) : 0;
  return Math.max(delay, hinted);
}

// PRODUCT #5: when to try again, for mailbox_folder.retry_at.
export function nextRetryAt(now: Date, failures: number, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF, retryAfterMs?: number | null): Date {
  return new Date(now.getTime() + backoffDelayMs(failures, random, options, retryAfterMs));
}
