import fs from 'node:fs';
import path from 'node:path';
import type { MailWorldInfo } from '../scripts/mail-world/types';

// App env that points mailbox connections at the local mail world (issue 4): 127.0.0.1 allow-listed for
// the SSRF guard, the world's ports allowed, its CA trusted, and the OAuth endpoints/hosts of the local
// provider. Used by integration tests (applied to process.env) and by the e2e setup (passed to the app).
export function mailWorldAppEnv(info: MailWorldInfo): Record<string, string> {
  const caFile = path.join(info.stateDir, 'tls', 'ca.crt');
  if (!fs.existsSync(caFile)) fs.writeFileSync(caFile, info.caPem);
  const ports = [
    info.imap.specialUse.plainPort,
    info.imap.specialUse.tlsPort,
    info.imap.specialUse.starttlsPort,
    info.imap.noSpecialUse.plainPort,
    info.imap.noSpecialUse.tlsPort,
    info.imap.noSpecialUse.starttlsPort,
    info.smtp.plainPort,
    info.smtp.starttlsPort,
    info.smtp.tlsPort,
  ];
  const oauth = (p: 'google' | 'microsoft', prefix: string) => ({
    [`${prefix}_CLIENT_ID`]: info.oauth[p].clientId,
    [`${prefix}_CLIENT_SECRET`]: info.oauth[p].clientSecret,
    [`${prefix}_AUTH_URL`]: info.oauth[p].authorizationEndpoint,
    [`${prefix}_TOKEN_URL`]: info.oauth[p].tokenEndpoint,
    [`${prefix}_REVOKE_URL`]: info.oauth[p].revocationEndpoint,
    [`${prefix}_IMAP`]: `127.0.0.1:${info.imap.specialUse.tlsPort}:tls`,
    [`${prefix}_SMTP`]: `127.0.0.1:${info.smtp.tlsPort}:tls`,
  });
  return {
    MAILROOM_SSRF_ALLOW: '127.0.0.1',
    // The e2e app runs with NODE_ENV=production: the allow-list must be acknowledged there.
    MAILROOM_SSRF_ALLOW_IN_PRODUCTION: 'yes',
    MAILROOM_EXTRA_MAIL_PORTS: ports.join(','),
    MAILROOM_EXTRA_CA_FILE: caFile,
    ...oauth('google', 'MAILBOX_GOOGLE'),
    ...oauth('microsoft', 'MAILBOX_MICROSOFT'),
  };
}

export function applyMailWorldEnv(info: MailWorldInfo): void {
  Object.assign(process.env, mailWorldAppEnv(info));
}
