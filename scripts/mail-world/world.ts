import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { makeCerts } from './certs';
import { assertDovecotInstalled, startDovecot, type DovecotInstance } from './dovecot';
import { oauthPassdbConfig, SENT_FOLDER } from './dovecot-config';
import { createWorldHttpServer } from './http-server';
import { OAuthProvider } from './oauth-provider';
import { assertPortFree, freePorts, run } from './proc';
import { startSubmission, type Submission } from './smtp-submission';
import { FLAVOURS, passwdFile, upsertUser } from './users';
import { controlRoutes } from './control-routes';
import { reapStaleWorlds, recordOwner } from './stale-worlds';
import type { MailFlavour, MailWorld, MailWorldInfo } from './types';

export interface StartMailWorldOptions {
  /** Where all state goes; default a fresh temp dir on tmpfs (/dev/shm) when available. */
  stateDir?: string;
  log?: (m: string) => void;
  /** Access-token lifetime of the local OAuth provider; default 3600 s. */
  accessTokenTtlSeconds?: number;
  /** Simulate Gmail/Office 365 filing SMTP-sent mail into Sent for every user (PRODUCT #10); default false. */
  autoFileSent?: boolean;
  /** Fixed ports for `mail:up` (e.g. so a README can name them); default: free ports picked automatically. */
  ports?: Partial<Record<'imapPlain' | 'imapTls' | 'imapStarttls' | 'smtpPlain' | 'smtpStarttls' | 'smtpTls' | 'http', number>>;
}

export const DOMAINS: Record<MailFlavour, string> = { 'special-use': 'mailroom.test', 'no-special-use': 'legacy.test' };
export const CATCH_ALL = 'world@outside.test';
export const DEMO = { email: 'demo@mailroom.test', password: 'demo-password' };
const SEEDED: Array<{ email: string; flavour: MailFlavour }> = [
  { email: 'rep@mailroom.test', flavour: 'special-use' },
  { email: 'rep2@mailroom.test', flavour: 'special-use' },
  { email: 'admin@mailroom.test', flavour: 'special-use' },
  { email: 'rep@legacy.test', flavour: 'no-special-use' },
];

function defaultStateRoot(): string {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

async function mailIdentity(): Promise<{ uid: number; gid: number; loginUser: string; internalUser: string }> {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) {
    const name = os.userInfo().username;
    return { uid, gid: process.getgid?.() ?? uid, loginUser: name, internalUser: name };
  }
  // As root, mail is owned by the unprivileged `dovecot` user (Dovecot refuses to access mail as root).
  const id = await run('id', ['dovecot']);
  const m = /uid=(\d+).*gid=(\d+)/.exec(id.stdout);
  if (!m) throw new Error('user "dovecot" is missing; install dovecot-imapd with apt-get');
  const login = (await run('id', ['dovenull'])).code === 0 ? 'dovenull' : 'nobody';
  return { uid: Number(m[1]), gid: Number(m[2]), loginUser: login, internalUser: 'dovecot' };
}

// Starts Dovecot (two flavours, each with a TLS and a cleartext instance), the SMTP submission relay and
// the OAuth provider on 127.0.0.1 with throwaway state. stop() ends every process it started.
// Free ports are probed then bound later, so a parallel world can grab one in between: retry on that.
export async function startMailWorld(opts: StartMailWorldOptions = {}): Promise<MailWorld> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      const busy = /in use|EADDRINUSE/i.test((e as Error).message);
      if (!busy || opts.ports || attempt >= 3) throw e;
      opts.log?.(`port race on start-up (attempt ${attempt}), retrying with new ports`);
    }
  }
}

async function startOnce(opts: StartMailWorldOptions): Promise<MailWorld> {
  const t0 = Date.now();
  const log = opts.log ?? (() => undefined);
  await assertDovecotInstalled();
  const ident = await mailIdentity();
  const fixed = opts.ports ?? {};
  const fixedList = Object.values(fixed).filter((p): p is number => typeof p === 'number');
  for (const p of fixedList) await assertPortFree(p);
  const auto = await freePorts(16);
  const pick = (k: keyof NonNullable<StartMailWorldOptions['ports']>) => fixed[k] ?? (auto.pop() as number);

  const root = defaultStateRoot();
  reapStaleWorlds(root, log);
  const stateDir = opts.stateDir ?? fs.mkdtempSync(path.join(root, 'mailworld-'));
  fs.mkdirSync(stateDir, { recursive: true });
  // If the owner exits without stop() (an uncaught error, process.exit), dovecot.ts kills the Dovecot
  // groups on 'exit'; this removes the throwaway state too.
  const removeState = () => {
    if (!opts.stateDir) fs.rmSync(stateDir, { recursive: true, force: true });
  };
  process.on('exit', removeState);
  fs.chmodSync(stateDir, 0o755); // the dovecot user must reach passwd-files and mail below


  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch((e: Error) => log(`stop failed: ${e.message}`));
  };
  try {
    const certs = await makeCerts(path.join(stateDir, 'tls'));
    const httpPort = pick('http');
    const baseUrl = `http://127.0.0.1:${httpPort}`;
    const provider = new OAuthProvider(baseUrl, opts.accessTokenTtlSeconds ?? 3600, DEMO.email);
    const autoFileSent = { all: opts.autoFileSent ?? false, users: new Set<string>() };

    for (const s of SEEDED) upsertUser(stateDir, s.flavour, s.email, 'password');
    upsertUser(stateDir, 'special-use', DEMO.email, DEMO.password);
    upsertUser(stateDir, 'special-use', CATCH_ALL, 'password');
    for (const f of FLAVOURS) upsertUser(stateDir, f, `postmaster@${DOMAINS[f]}`, 'password');

    const oauthConf = path.join(stateDir, 'conf', 'dovecot-oauth2.conf.ext');
    fs.mkdirSync(path.dirname(oauthConf), { recursive: true });
    fs.writeFileSync(oauthConf, oauthPassdbConfig(`${baseUrl}/introspect`));

    const server: http.Server = createWorldHttpServer(
      provider,
      controlRoutes({ stateDir, provider, autoFileSent }),
      log,
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(httpPort, '127.0.0.1', () => resolve());
    });
    stops.push(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

    const imap = {} as MailWorldInfo['imap'];
    const lmtpPorts = {} as Record<MailFlavour, number>;
    const doveadmConfigs = {} as Record<MailFlavour, string>;
    const starts: Array<Promise<DovecotInstance>> = [];
    for (const flavour of FLAVOURS) {
      const main = flavour === 'special-use';
      const ports = {
        plainPort: main ? pick('imapPlain') : (auto.pop() as number),
        tlsPort: main ? pick('imapTls') : (auto.pop() as number),
        starttlsPort: main ? pick('imapStarttls') : (auto.pop() as number),
      };
      lmtpPorts[flavour] = auto.pop() as number;
      const common = {
        flavour,
        stateDir,
        certFile: certs.certFile,
        keyFile: certs.keyFile,
        passwdFile: passwdFile(stateDir, flavour),
        mailRoot: path.join(stateDir, 'mail', flavour),
        oauthConfFile: oauthConf,
        mailUid: ident.uid,
        mailGid: ident.gid,
        loginUser: ident.loginUser,
        internalUser: ident.internalUser,
        postmaster: `postmaster@${DOMAINS[flavour]}`,
      };
      starts.push(startDovecot({ ...common, name: `${flavour}-tls`, tls: true, ports: { imap: ports.starttlsPort, imaps: ports.tlsPort } }, log));
      starts.push(startDovecot({ ...common, name: `${flavour}-plain`, tls: false, ports: { imap: ports.plainPort, lmtp: lmtpPorts[flavour] } }, log));
      doveadmConfigs[flavour] = path.join(stateDir, 'conf', `${flavour}-plain.conf`);
      imap[flavour === 'special-use' ? 'specialUse' : 'noSpecialUse'] = {
        ...ports,
        domain: DOMAINS[flavour],
        sentFolder: SENT_FOLDER[flavour],
        doveadmConfig: doveadmConfigs[flavour],
      };
    }
    const results = await Promise.allSettled(starts);
    for (const r of results) if (r.status === 'fulfilled') stops.push(r.value.stop);
    recordOwner(stateDir, {
      ownerPid: process.pid,
      dovecotPids: results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.pid] : [])),
    });
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    const smtpPorts = { plainPort: pick('smtpPlain'), starttlsPort: pick('smtpStarttls'), tlsPort: pick('smtpTls') };
    const submission: Submission = await startSubmission(
      {
        stateDir,
        provider,
        lmtpPorts,
        doveadmConfigs,
        sentFolders: SENT_FOLDER,
        catchAllEmail: CATCH_ALL,
        cert: { key: certs.keyPem, cert: certs.certPem },
        autoFileSent,
        log,
      },
      smtpPorts,
    );
    stops.push(submission.close);

    const info: MailWorldInfo = {
      host: '127.0.0.1',
      imap,
      smtp: smtpPorts,
      caPem: certs.caPem,
      oauth: {
        baseUrl,
        accessTokenTtlSeconds: provider.accessTokenTtlSeconds,
        google: provider.info('google'),
        microsoft: provider.info('microsoft'),
      },
      controlUrl: `${baseUrl}/control`,
      catchAllEmail: CATCH_ALL,
      demo: DEMO,
      seededUsers: SEEDED.map((s) => ({ ...s, password: 'password' })),
      stateDir,
      pid: process.pid,
      startedInMs: Date.now() - t0,
    };
    log(`mail world up in ${info.startedInMs} ms, state in ${stateDir}`);
    return {
      info,
      stop: async () => {
        await stopAll();
        process.off('exit', removeState);
        removeState();
      },
    };
  } catch (e) {
    await stopAll();
    process.off('exit', removeState);
    removeState();
    throw e;
  }
}
