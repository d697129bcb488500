import type { MailWorldInfo } from '../scripts/mail-world/types';

// Shared by the mailbox integration tests: the form values for a mail world user over TLS, and the
// browser half of the OAuth flow (the local provider auto-approves and redirects with the code).

export function formFor(info: MailWorldInfo, email: string, password: string) {
  return {
    email,
    imapHost: '127.0.0.1',
    imapPort: info.imap.specialUse.tlsPort,
    imapSecurity: 'tls',
    smtpHost: '127.0.0.1',
    smtpPort: info.smtp.tlsPort,
    smtpSecurity: 'tls',
    username: email,
    password,
  };
}

/** Follows the authorization URL as a browser would (choosing `loginAs`) and returns the callback query. */
export async function authorizeAs(url: string, loginAs: string): Promise<{ state: string; code: string }> {
  const u = new URL(url);
  u.searchParams.set('login_hint', loginAs);
  const res = await fetch(u, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize did not redirect (${res.status})`);
  const back = new URL(location);
  return { state: back.searchParams.get('state') ?? '', code: back.searchParams.get('code') ?? '' };
}
