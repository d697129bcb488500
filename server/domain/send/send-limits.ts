// Issue 6 send limits: per mailbox, a rolling 24-hour cap and a per-minute cap; refusals say when sending works again.

export type SendLimits = { perDay: number; perMinute: number };
export const DEFAULT_SEND_LIMITS: SendLimits = { perDay: 1000, perMinute: 30 };

export type SendLimitDecision =
  | { allowed: true; remainingToday: number; remainingThisMinute: number }
  | { allowed: false; limit: 'per-day' | 'per-minute'; retryAt: Date; message: string }
  | { allowed: false; limit: 'batch-too-large'; retryAt: null; message: string };

const DAY_MS = 24 * 60 * 60_000;
const MINUTE_MS = 60_000;

// Issue 6: may `count` more messages be sent now, given when this mailbox's previous sends happened?
export function checkSendLimits(input: {
  now: Date;
  /** Times of sends (and sends already queued) that count against the mailbox, any order. */
  sentAt: readonly Date[];
  limits?: Partial<SendLimits>;
  count?: number;
}): SendLimitDecision {
  const limits = { ...DEFAULT_SEND_LIMITS, ...definedOnly(input.limits) };
  const count = input.count ?? 1;
  const now = input.now.getTime();
  const perDay = validLimit(limits.perDay, DEFAULT_SEND_LIMITS.perDay);
  const perMinute = validLimit(limits.perMinute, DEFAULT_SEND_LIMITS.perMinute);

  if (count > perDay || count > perMinute) {
    const cap = count > perMinute ? `${fmt(perMinute)} per minute` : `${fmt(perDay)} per 24 hours`;
    return { allowed: false, limit: 'batch-too-large', retryAt: null, message: `You can send at most ${cap} from this mailbox; split these ${fmt(count)} emails into smaller batches.` };
  }

  // Future timestamps (clock skew between web and worker) still count: the conservative choice.
  const times = input.sentAt.map((d) => d.getTime()).filter((t) => Number.isFinite(t) && t > now - DAY_MS).sort((a, b) => a - b);
  const lastMinute = times.filter((t) => t > now - MINUTE_MS);

  const dayBlocked = windowRetryAt(times, perDay, count, DAY_MS);
  if (dayBlocked !== null) {
    const retryAt = new Date(Math.max(dayBlocked, now));
    return {
      allowed: false,
      limit: 'per-day',
      retryAt,
      message: `This mailbox has reached its limit of ${fmt(perDay)} emails per 24 hours. You can send again in ${duration(retryAt.getTime() - now)}.`,
    };
  }
  const minuteBlocked = windowRetryAt(lastMinute, perMinute, count, MINUTE_MS);
  if (minuteBlocked !== null) {
    const retryAt = new Date(Math.max(minuteBlocked, now));
    return {
      allowed: false,
      limit: 'per-minute',
      retryAt,
      message: `This mailbox can send ${fmt(perMinute)} emails per minute. You can send again in ${duration(retryAt.getTime() - now)}.`,
    };
  }
  return { allowed: true, remainingToday: perDay - times.length - count, remainingThisMinute: perMinute - lastMinute.length - count };
}

// The window admits `count` more once enough of the oldest sends have aged out of it.
function windowRetryAt(sortedTimes: number[], cap: number, count: number, windowMs: number): number | null {
  const excess = sortedTimes.length + count - cap;
  if (excess <= 0) return null;
  const leaving = sortedTimes[excess - 1];
  return leaving === undefined ? null : leaving + windowMs;
}

function definedOnly(limits: Partial<SendLimits> | undefined): Partial<SendLimits> {
  const out: Partial<SendLimits> = {};
  if (limits?.perDay !== undefined && limits.perDay !== null) out.perDay = limits.perDay;
  if (limits?.perMinute !== undefined && limits.perMinute !== null) out.perMinute = limits.perMinute;
  return out;
}

// A broken admin setting (0, negative, NaN) must not silently block or unblock everything.
const validLimit = (value: number, fallback: number) => (Number.isInteger(value) && value >= 1 ? value : fallback);

const fmt = (n: number) => n.toLocaleString('en-US');

function duration(ms: number): string {
  const totalSeconds = Math.max(1, Math.ceil(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} second${totalSeconds === 1 ? '' : 's'}`;
  const totalMinutes = Math.ceil(totalSeconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} minute${totalMinutes === 1 ? '' : 's'}`;
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
