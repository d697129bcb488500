import fs from 'node:fs';
import path from 'node:path';
import { startMailWorld } from './world';
import type { MailWorldInfo } from './types';

// `npm run mail:up` starts the mail world in the foreground and writes its info to .data/mail-world.json;
// `npm run mail:down` stops the world recorded there (by the pid of the `up` process, never by name).

const INFO_FILE = path.resolve(process.cwd(), '.data', 'mail-world.json');

function describe(info: MailWorldInfo): string {
  const su = info.imap.specialUse;
  const ns = info.imap.noSpecialUse;
  return `Mail world is up (${info.startedInMs} ms). Everything listens on ${info.host} only.

Demo mailbox: ${info.demo.email} / ${info.demo.password}
In the app, "Connect inbox" > "Other (IMAP/SMTP)":
  IMAP host ${info.host}  port ${su.plainPort}  security: none      (or ${su.tlsPort} TLS, ${su.starttlsPort} STARTTLS)
  SMTP host ${info.host}  port ${info.smtp.plainPort}  security: none      (or ${info.smtp.tlsPort} TLS, ${info.smtp.starttlsPort} STARTTLS)
  username ${info.demo.email}  password ${info.demo.password}
TLS ports use a throwaway CA: ${path.join(info.stateDir, 'tls', 'ca.crt')}

Other users (password "password"): ${info.seededUsers.map((u) => u.email).join(', ')}
Exchange-like flavour without SPECIAL-USE ("${ns.sentFolder}"): IMAP ${ns.plainPort} / TLS ${ns.tlsPort} / STARTTLS ${ns.starttlsPort}, users @${ns.domain}
Mail to unknown addresses lands in ${info.catchAllEmail} (password "password").

OAuth (auto-approves; login_hint picks the mailbox, default ${info.demo.email}):
  Google    issuer ${info.oauth.google.issuer}  client ${info.oauth.google.clientId} / ${info.oauth.google.clientSecret}
  Microsoft issuer ${info.oauth.microsoft.issuer}  client ${info.oauth.microsoft.clientId} / ${info.oauth.microsoft.clientSecret}

Full info: ${INFO_FILE}
Stop with Ctrl-C or "npm run mail:down".`;
}

// MAIL_WORLD_BASE_PORT=4100 gives stable ports (IMAP 4100/4101 TLS/4102 STARTTLS, SMTP 4103/4104 STARTTLS/
// 4105 TLS, OAuth 4106) so a dev .env can point at them; otherwise free ports are picked.
function fixedPorts() {
  const base = Number(process.env.MAIL_WORLD_BASE_PORT ?? '');
  if (!Number.isInteger(base) || base <= 0) return undefined;
  return { imapPlain: base, imapTls: base + 1, imapStarttls: base + 2, smtpPlain: base + 3, smtpStarttls: base + 4, smtpTls: base + 5, http: base + 6 };
}

async function up(): Promise<void> {
  const world = await startMailWorld({
    log: (m) => process.env.MAIL_WORLD_DEBUG === '1' && console.log(`[mail-world] ${m}`),
    autoFileSent: process.env.MAIL_WORLD_AUTO_FILE_SENT === '1',
    ports: fixedPorts(),
  });
  fs.mkdirSync(path.dirname(INFO_FILE), { recursive: true });
  fs.writeFileSync(INFO_FILE, JSON.stringify(world.info, null, 2));
  console.log(describe(world.info));
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the mail world...`);
    world
      .stop()
      .then(() => {
        try {
          const current = JSON.parse(fs.readFileSync(INFO_FILE, 'utf8')) as MailWorldInfo;
          if (current.pid === process.pid) fs.rmSync(INFO_FILE);
        } catch {
          /* already gone */
        }
        process.exit(0);
      })
      .catch((e: Error) => {
        console.error(e.message);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function down(): Promise<void> {
  let info: MailWorldInfo;
  try {
    info = JSON.parse(fs.readFileSync(INFO_FILE, 'utf8')) as MailWorldInfo;
  } catch {
    console.log(`No mail world recorded in ${INFO_FILE}; nothing to stop.`);
    return;
  }
  try {
    process.kill(info.pid, 'SIGTERM');
  } catch {
    console.log(`The mail world process ${info.pid} is gone; removing ${INFO_FILE}.`);
    fs.rmSync(INFO_FILE, { force: true });
    return;
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    try {
      process.kill(info.pid, 0);
    } catch {
      console.log(`Mail world (pid ${info.pid}) stopped.`);
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`mail world process ${info.pid} did not stop within 10 s`);
}

const cmd = process.argv[2];
const run = cmd === 'up' ? up : cmd === 'down' ? down : undefined;
if (!run) {
  console.error('usage: tsx scripts/mail-world/cli.ts up|down');
  process.exit(2);
}
run().catch((e: Error) => {
  console.error(`mail world: ${e.message}`);
  process.exit(1);
});
