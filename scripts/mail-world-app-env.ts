import fs from 'node:fs/promises';
import path from 'node:path';
import type { MailWorldInfo } from './mail-world/types';

// The app/worker environment that points Mailroom at the local mail world (dev `--mail` and e2e):
// the world's CA is trusted explicitly, 127.0.0.1 is allow-listed for the SSRF guard, and the
// Google/Microsoft mailbox OAuth endpoints and IMAP/SMTP hosts are the local provider and Dovecot.
// Variable names must match server/env.ts (the Connect feature owns them).
export async function appEnvForMailWorld(info: MailWorldInfo, dir: string): Promise<Record<string, string>> {
  const caFile = path.join(dir, 'mail-world-ca.pem');
  await fs.writeFile(caFile, info.caPem);
  const imap = info.imap.specialUse;
  const env: Record<string, string> = {
    MAILROOM_EXTRA_CA_FILE: caFile,
    MAILROOM_SSRF_ALLOW: '127.0.0.1',
    // e2e runs the app with NODE_ENV=production, where an allow-list must be acknowledged.
    MAILROOM_SSRF_ALLOW_IN_PRODUCTION: 'yes',
    MAILROOM_EXTRA_MAIL_PORTS: [imap.plainPort, imap.tlsPort, imap.starttlsPort, info.imap.noSpecialUse.plainPort, info.imap.noSpecialUse.tlsPort, info.imap.noSpecialUse.starttlsPort, info.smtp.plainPort, info.smtp.starttlsPort, info.smtp.tlsPort].join(','),
  };
  for (const [prefix, p] of [['GOOGLE', info.oauth.google], ['MICROSOFT', info.oauth.microsoft]] as const) {
    env[`MAILBOX_${prefix}_CLIENT_ID`] = p.clientId;
    env[`MAILBOX_${prefix}_CLIENT_SECRET`] = p.clientSecret;
    env[`MAILBOX_${prefix}_AUTH_URL`] = p.authorizationEndpoint;
    env[`MAILBOX_${prefix}_TOKEN_URL`] = p.tokenEndpoint;
    env[`MAILBOX_${prefix}_REVOKE_URL`] = p.revocationEndpoint;
    env[`MAILBOX_${prefix}_USERINFO_URL`] = p.userinfoEndpoint;
    env[`MAILBOX_${prefix}_IMAP`] = `${info.host}:${imap.tlsPort}:tls`;
    env[`MAILBOX_${prefix}_SMTP`] = `${info.host}:${info.smtp.tlsPort}:tls`;
  }
  // App sign-in (Auth.js) through the same local OIDC provider, standing in for Google and Microsoft.
  env.AUTH_GOOGLE_ID = info.oauth.google.clientId;
  env.AUTH_GOOGLE_SECRET = info.oauth.google.clientSecret;
  env.AUTH_GOOGLE_ISSUER = info.oauth.google.issuer;
  env.AUTH_MICROSOFT_ENTRA_ID_ID = info.oauth.microsoft.clientId;
  env.AUTH_MICROSOFT_ENTRA_ID_SECRET = info.oauth.microsoft.clientSecret;
  env.AUTH_MICROSOFT_ENTRA_ID_ISSUER = info.oauth.microsoft.issuer;
  return env;
}
