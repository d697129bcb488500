import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { dovecotConfig, type DovecotInstanceSpec } from './dovecot-config';
import { run, waitForPort } from './proc';

export const DOVECOT_BIN = process.env.MAIL_WORLD_DOVECOT ?? '/usr/sbin/dovecot';
export const DOVEADM_BIN = process.env.MAIL_WORLD_DOVEADM ?? 'doveadm';

export interface DovecotInstance {
  name: string;
  configFile: string;
  pid: number;
  stop(): Promise<void>;
}

// Fails early with the install hint instead of a cryptic ENOENT from spawn.
export async function assertDovecotInstalled(): Promise<string> {
  if (!fs.existsSync(DOVECOT_BIN)) {
    throw new Error(`Dovecot not found at ${DOVECOT_BIN}: install it with "apt-get install -y dovecot-imapd dovecot-lmtpd" (or set MAIL_WORLD_DOVECOT)`);
  }
  const r = await run(DOVECOT_BIN, ['--version']);
  if (r.code !== 0) throw new Error(`${DOVECOT_BIN} --version failed: ${r.stderr}`);
  const version = r.stdout.trim();
  if (!fs.existsSync('/usr/lib/dovecot/lmtp')) throw new Error('Dovecot LMTP is missing: apt-get install -y dovecot-lmtpd');
  return version;
}

function tail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

// Starts `dovecot -F -c CONFIG` in its own process group and waits for its listeners. Stopping signals the
// whole group (tracked by pid, never by name) so no imap/auth/lmtp child is left behind.
export async function startDovecot(spec: DovecotInstanceSpec, log: (m: string) => void): Promise<DovecotInstance> {
  const confDir = path.join(spec.stateDir, 'conf');
  for (const d of [confDir, `${spec.stateDir}/run/${spec.name}`, `${spec.stateDir}/lib/${spec.name}`, `${spec.stateDir}/log`]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.mkdirSync(spec.mailRoot, { recursive: true });
  fs.chownSync(spec.mailRoot, spec.mailUid, spec.mailGid);
  const configFile = path.join(confDir, `${spec.name}.conf`);
  fs.writeFileSync(configFile, dovecotConfig(spec));
  const logFile = path.join(spec.stateDir, 'log', `${spec.name}.log`);

  const child = spawn(DOVECOT_BIN, ['-F', '-c', configFile], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stderr += d.toString()));
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = `dovecot (${spec.name}) exited during start-up (code ${code}, signal ${signal}): ${stderr.trim()}\n${tail(logFile)}`;
      resolve();
    });
  });
  child.on('error', (e) => (exited = `cannot start ${DOVECOT_BIN}: ${e.message}`));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`cannot start ${DOVECOT_BIN}`);

  const killGroup = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  const onExit = () => killGroup('SIGKILL');
  process.on('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (child.exitCode === null && child.signalCode === null) {
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 3000);
      await exitPromise;
      clearTimeout(timer);
    }
    // Children re-parented after the master died still carry the group id.
    killGroup('SIGKILL');
  };

  try {
    const ports = [spec.ports.imap, spec.ports.imaps, spec.ports.lmtp].filter((p): p is number => p !== undefined);
    for (const port of ports) await waitForPort(port, 10_000, () => exited);
  } catch (e) {
    await stop();
    throw e;
  }
  log(`dovecot ${spec.name} up (pid ${pid}) on ${JSON.stringify(spec.ports)}`);
  return { name: spec.name, configFile, pid, stop };
}
