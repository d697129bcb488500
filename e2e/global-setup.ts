import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../db/embedded';
import { runMigrations } from '../db/migrate';
import { createDb } from '../db/client';
import { seedDemo } from '../server/services/seed';
import { startE2eMailWorld } from './support/mail-world';
import { bundle } from '../scripts/build-worker.mjs';

// Starts a fresh database, the mail world, the built app (`next start`) and a worker for the e2e run.
export default async function globalSetup() {
  const port = Number(process.env.E2E_PORT);
  const taken = await fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
  if (taken) throw new Error(`Port ${port} is already in use; set E2E_PORT to a free port.`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mailroom-e2e-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'mailroom_e2e', fast: true });
  await runMigrations(pg.url);
  const { db, sql } = createDb(pg.url, { max: 2 });
  await seedDemo(db);
  await sql.end();
  const mail = await startE2eMailWorld(dir);

  const env = { ...process.env, ...mail?.env, DATABASE_URL: pg.url, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', APP_URL: `http://localhost:${port}`, AUTH_URL: `http://localhost:${port}`, AUTH_SECRET: 'e2e-secret-e2e-secret-e2e-secret-42', MAILROOM_ENCRYPTION_KEYS: process.env.MAILROOM_ENCRYPTION_KEYS ?? 'k1:MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=', LOG_LEVEL: 'warn' } as NodeJS.ProcessEnv;
  await fs.writeFile(path.join(dir, 'env.json'), JSON.stringify({ databaseUrl: pg.url, mail: mail?.info ?? null }));
  process.env.E2E_STATE = path.join(dir, 'env.json');

  const logs = await fs.open(path.join(dir, 'app.log'), 'w');
  const app = spawn('node_modules/.bin/next', ['start', '-H', '127.0.0.1', '-p', String(port)], { env, stdio: ['ignore', logs.fd, logs.fd], detached: true });
  // The worker as `npm run worker` runs it: the esbuild bundle under plain node.
  const worker = spawn(process.execPath, [await bundle('worker')], { env, stdio: ['ignore', logs.fd, logs.fd], detached: true });

  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/signin`);
      if (res.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`The app did not start; see ${path.join(dir, 'app.log')}`);
    await new Promise((r) => setTimeout(r, 300));
  }

  return async () => {
    for (const child of [worker, app]) if (child.pid) try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    await new Promise((r) => setTimeout(r, 1000));
    await mail?.stop();
    await pg.stop();
    await logs.close();
    if (!process.env.KEEP_E2E_STATE) await fs.rm(dir, { recursive: true, force: true });
  };
}
