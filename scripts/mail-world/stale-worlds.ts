import fs from 'node:fs';
import path from 'node:path';

// Each world records its owner pid and the Dovecot master pids in `<stateDir>/owner.json`. A world whose
// owner died without stopping it (SIGKILL, a killed test run) is reaped by the next start: its tracked
// Dovecot groups are killed (after checking the pid still runs that world's config) and its state removed.

interface OwnerRecord {
  ownerPid: number;
  dovecotPids: number[];
}

const FILE = 'owner.json';

export function recordOwner(stateDir: string, rec: OwnerRecord): void {
  fs.writeFileSync(path.join(stateDir, FILE), JSON.stringify(rec));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function runsConfigOf(pid: number, stateDir: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(stateDir);
  } catch {
    return false;
  }
}

export function reapStaleWorlds(root: string, log: (m: string) => void): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(root).filter((e) => e.startsWith('mailworld-'));
  } catch {
    return;
  }
  for (const e of entries) {
    const dir = path.join(root, e);
    let rec: OwnerRecord;
    try {
      rec = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as OwnerRecord;
    } catch {
      // No record: a world still starting, or one from before records existed; only reap old ones.
      try {
        if (Date.now() - fs.statSync(dir).mtimeMs > 3_600_000 && !fs.existsSync(path.join(dir, 'run'))) fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        /* raced with its owner */
      }
      continue;
    }
    if (alive(rec.ownerPid)) continue;
    for (const pid of rec.dovecotPids) {
      if (!runsConfigOf(pid, dir)) continue;
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
    log(`reaped stale mail world ${dir} (owner ${rec.ownerPid} is gone)`);
  }
}
