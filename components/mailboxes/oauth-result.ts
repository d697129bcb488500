// Outcome of the OAuth redirect, shown once at the top of Settings → Email.
export const OAUTH_RESULT_COOKIE = 'mailroom_mailbox_oauth';
export type OAuthResultCookie = { ok: true; mailboxId: string; message: string } | { ok: false; message: string };

export function parseOAuthResult(raw: string | undefined): OAuthResultCookie | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<OAuthResultCookie>;
    if (typeof v.message !== 'string') return null;
    return v.ok === true && typeof v.mailboxId === 'string' ? { ok: true, mailboxId: v.mailboxId, message: v.message } : { ok: false, message: v.message };
  } catch {
    return null;
  }
}
