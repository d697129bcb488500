import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { OAuthProvider } from './oauth-provider';
import { findUser } from './users';
import type { MailFlavour } from './types';
import { saveToFolder } from './doveadm';

export interface SubmissionDeps {
  stateDir: string;
  provider: OAuthProvider;
  lmtpPorts: Record<MailFlavour, number>;
  doveadmConfigs: Record<MailFlavour, string>;
  sentFolders: Record<MailFlavour, string>;
  catchAllEmail: string;
  cert: { key: string; cert: string };
  /** Simulates Gmail/Office 365 filing SMTP-sent mail into Sent themselves (PRODUCT #10). */
  autoFileSent: { all: boolean; users: Set<string> };
  log: (m: string) => void;
}

const MAX_SIZE = 35 * 1024 * 1024; // Gmail's and Office 365's submission limit is around 35 MB.

function authError(message: string): Error {
  return Object.assign(new Error(message), { responseCode: 535 });
}

// Hands one accepted message to Dovecot: known users via LMTP to their flavour, everyone else to the
// catch-all mailbox with an X-Original-To header, one copy per outside recipient (what the world received).
async function deliver(deps: SubmissionDeps, from: string, rcpts: string[], raw: Buffer, sender: string): Promise<void> {
  const local: Record<MailFlavour, string[]> = { 'special-use': [], 'no-special-use': [] };
  const outside: string[] = [];
  for (const r of rcpts) {
    const u = findUser(deps.stateDir, r);
    if (u) local[u.flavour].push(r.toLowerCase());
    else outside.push(r);
  }
  const lmtp = async (flavour: MailFlavour, to: string[], data: Buffer) => {
    const t = nodemailer.createTransport({ host: '127.0.0.1', port: deps.lmtpPorts[flavour], lmtp: true, ignoreTLS: true, name: 'mailworld.test' });
    try {
      const res = await t.sendMail({ envelope: { from, to }, raw: data });
      if (res.rejected.length > 0) throw new Error(`LMTP rejected ${res.rejected.join(', ')}`);
    } finally {
      t.close();
    }
  };
  for (const flavour of ['special-use', 'no-special-use'] as const) {
    if (local[flavour].length > 0) await lmtp(flavour, local[flavour], raw);
  }
  const catchAll = findUser(deps.stateDir, deps.catchAllEmail);
  for (const r of outside) {
    await lmtp(catchAll?.flavour ?? 'special-use', [deps.catchAllEmail], Buffer.concat([Buffer.from(`X-Original-To: ${r}\r\n`), raw]));
  }
  const senderUser = findUser(deps.stateDir, sender);
  if (senderUser && (deps.autoFileSent.all || deps.autoFileSent.users.has(sender.toLowerCase()))) {
    await saveToFolder(deps.doveadmConfigs[senderUser.flavour], sender, deps.sentFolders[senderUser.flavour], raw, ['\\Seen']);
  }
}

export interface Submission {
  ports: { plainPort: number; starttlsPort: number; tlsPort: number };
  close(): Promise<void>;
}

// Three smtp-server listeners sharing one handler: cleartext without STARTTLS, STARTTLS required before
// AUTH, and implicit TLS. AUTH PLAIN/LOGIN checks the Dovecot passwd-files, XOAUTH2 the local provider.
export async function startSubmission(deps: SubmissionDeps, ports: { plainPort: number; starttlsPort: number; tlsPort: number }): Promise<Submission> {
  const base: SMTPServerOptions = {
    name: 'smtp.mailworld.test',
    banner: 'Mail world submission ready',
    authMethods: ['PLAIN', 'LOGIN', 'XOAUTH2'],
    size: MAX_SIZE,
    disableReverseLookup: true,
    logger: false,
    key: deps.cert.key,
    cert: deps.cert.cert,
    onAuth(auth, _session, callback) {
      const username = (auth.username ?? '').toLowerCase();
      if (auth.method === 'XOAUTH2') {
        const i = deps.provider.introspect(auth.accessToken ?? '');
        if (i.active && i.email === username) return callback(null, { user: username });
        return callback(null, { data: { status: '401', schemes: 'Bearer', scope: 'https://mail.google.com/' } });
      }
      const u = findUser(deps.stateDir, username);
      if (u && u.password === auth.password) return callback(null, { user: username });
      return callback(authError('5.7.8 Username and Password not accepted'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          return callback(Object.assign(new Error('5.3.4 Message size exceeds fixed maximum message size'), { responseCode: 552 }));
        }
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const rcpts = session.envelope.rcptTo.map((r) => r.address);
        deliver(deps, from, rcpts, Buffer.concat(chunks), String(session.user ?? ''))
          .then(() => callback())
          .catch((e: Error) => {
            deps.log(`mail world delivery failed: ${e.message}`);
            callback(Object.assign(new Error(`4.3.0 Delivery failed: ${e.message}`), { responseCode: 451 }));
          });
      });
    },
  };
  const servers = [
    new SMTPServer({ ...base, hideSTARTTLS: true, allowInsecureAuth: true }),
    new SMTPServer({ ...base, allowInsecureAuth: false }),
    new SMTPServer({ ...base, secure: true }),
  ];
  const list = [ports.plainPort, ports.starttlsPort, ports.tlsPort];
  await Promise.all(
    servers.map(
      (s, i) =>
        new Promise<void>((resolve, reject) => {
          s.once('error', reject);
          s.listen(list[i], '127.0.0.1', () => resolve());
        }),
    ),
  );
  for (const s of servers) s.on('error', (e) => deps.log(`smtp error: ${e.message}`));
  return {
    ports,
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined),
  };
}
