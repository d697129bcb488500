import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createBoss } from '@/server/adapters/queue';

// The real worker entry as a child process against the run's Postgres.
function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/worker/main.ts'], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (re: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${re} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, waitFor, output: () => out };
}

const boss = createBoss(inject('databaseUrl'), { supervise: false, schedule: false });
afterAll(() => boss.stop({ graceful: false }));

describe('worker entry', () => {
  it('runs a queued job from the registry and stops gracefully on SIGTERM', async () => {
    const w = startWorker({ DATABASE_URL: inject('databaseUrl'), WORKER_SHUTDOWN_DEADLINE_MS: '8000' });
    await w.waitFor(/worker started/);
    await boss.start();
    await boss.send('heartbeat', {});
    await w.waitFor(/"msg":"heartbeat"/);
    w.child.kill('SIGTERM');
    const code = await w.exited;
    expect(code, w.output()).toBe(0);
    expect(w.output()).toContain('worker stopped');
  });

  it('refuses to start with a malformed variable, naming it', async () => {
    const w = startWorker({ DATABASE_URL: 'definitely not a url' });
    expect(await w.exited).toBe(2);
    expect(w.output()).toContain('DATABASE_URL');
  });
});
