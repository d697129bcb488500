import { AppError } from '@/server/app-error';

// Issue 4: verification makes real logins to servers the user names, so it is rate-limited per user
// (also keeps the app from being used to guess passwords). Per process: the web app runs one.

const WINDOW_MS = 10 * 60_000;
const hits = new Map<string, number[]>();

export function checkVerifyRateLimit(userId: string, limit: number, now = Date.now()): void {
  const recent = (hits.get(userId) ?? []).filter((t) => now - t < WINDOW_MS);
  if (recent.length >= limit) {
    hits.set(userId, recent);
    const waitMin = Math.max(1, Math.ceil((WINDOW_MS - (now - (recent[0] ?? now))) / 60_000));
    throw new AppError('RATE_LIMITED', `Too many connection attempts. Please wait ${waitMin} minute${waitMin === 1 ? '' : 's'} and try again.`);
  }
  recent.push(now);
  hits.set(userId, recent);
}
