import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseEnv } from '@/server/env';
import { createDb } from '@/db/client';
import { databaseForProcess } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { demoCredentials, seedDemo } from '@/server/services/seed';
import { devMailWorld } from './dev-mail-world';
import { bundle } from './build-worker.mjs';

// `npm run dev`: one command for a newcomer. Owns the embedded Postgres, migrates, seeds an empty
// database, optionally starts the local mail world (`--mail`), then runs `next dev` and the worker.
async function main() {
  const env = parseEnv(process.env);
  const withMail = process.argv.includes('--mail') || process.env.MAILROOM_MAIL_WORLD === '1';
  const prod = process.argv.includes('--prod');
  const { url, stop: stopPg } = await databaseForProcess(env);
  await runMigrations(url);
  const { db, sql } = createDb(url, { max: 2 });
  const seeded = await seedDemo(db);
  await sql.end();

  const mail = withMail ? await devMailWorld(env.MAILROOM_DATA_DIR) : undefined;
  const port = process.env.PORT ?? '3000';
  const appUrl = env.APP_URL === 'http://localhost:3000' ? `http://localhost:${port}` : env.APP_URL;
  // AUTH_URL keeps Auth.js's OAuth redirect URIs on the same origin the browser uses.
  const childEnv = { ...process.env, ...mail?.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: '1', APP_URL: appUrl, AUTH_URL: process.env.AUTH_URL ?? appUrl };
  const bin = path.join('node_modules', '.bin');
  // The worker runs as a plain-node bundle, as in production (scripts/build-worker.mjs).
  const workerBundle = await bundle('worker');
  const children: ChildProcess[] = [
    spawn(path.join(bin, 'next'), prod ? ['start', '-H', '127.0.0.1', '-p', port] : ['dev', '-H', '127.0.0.1', '-p', port], { stdio: 'inherit', env: childEnv, detached: true }),
    spawn(process.execPath, [workerBundle], { stdio: 'inherit', env: childEnv, detached: true }),
  ];

  console.log(`\n  Mailroom is starting at ${appUrl}${seeded ? '  (demo data seeded)' : ''}`);
  console.log(`  Admin: ${demoCredentials.admin.email} / ${demoCredentials.admin.password}`);
  for (const r of demoCredentials.reps) console.log(`  Rep:   ${r.email} / ${r.password}`);
  if (mail) console.log(mail.banner);
  console.log('');

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    // Children run in their own process groups: signal the whole group so next-server does not linger.
    for (const c of children) if (c.pid) try { process.kill(-c.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 1500));
    await mail?.stop();
    await stopPg?.();
    process.exit(code);
  };
  for (const c of children) c.on('exit', (code) => { if (!stopping) { console.error(`a child process exited (${code}); stopping`); void stop(1); } });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
