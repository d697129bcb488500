import crypto from 'node:crypto';
import { env } from '@/server/env';

// Capability tokens for `cid:` images inside the sandboxed email frame. The frame has an opaque origin,
// so the browser sends no session cookie with its image requests; the body renderer (which did check
// the session) signs each inline part's URL instead: HMAC over organization, attachment and expiry.

const TTL_MS = 60 * 60 * 1000;
let fallbackKey: Buffer | undefined;

function key(): Buffer {
  const secret = env().AUTH_SECRET;
  if (secret) return crypto.createHash('sha256').update(`attachment-token:${secret}`).digest();
  // Without AUTH_SECRET (dev only; production refuses to start) tokens live as long as this process.
  fallbackKey ??= crypto.randomBytes(32);
  return fallbackKey;
}

function mac(organizationId: string, attachmentId: string, exp: number): string {
  return crypto.createHmac('sha256', key()).update(`${organizationId}:${attachmentId}:${exp}`).digest('base64url');
}

export function signAttachmentToken(organizationId: string, attachmentId: string, now = Date.now()): string {
  const exp = Math.floor((now + TTL_MS) / 1000);
  return `${exp}.${mac(organizationId, attachmentId, exp)}`;
}

// True only for an unexpired token issued for exactly this organization and attachment.
export function verifyAttachmentToken(token: string, organizationId: string, attachmentId: string, now = Date.now()): boolean {
  const [expText, sig] = token.split('.');
  const exp = Number(expText);
  if (!sig || !Number.isInteger(exp) || exp * 1000 < now) return false;
  const expected = Buffer.from(mac(organizationId, attachmentId, exp));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

// Tokens name the organization in a prefix so the route knows whose attachment to look up without a session.
export function inlineAttachmentUrl(appOrigin: string, organizationId: string, attachmentId: string): string {
  return `${appOrigin}/api/attachments/${attachmentId}?inline=1&o=${organizationId}&t=${signAttachmentToken(organizationId, attachmentId)}`;
}
