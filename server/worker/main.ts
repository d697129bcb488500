import crypto from 'node:crypto';
import os from 'node:os';
import { parseEnv, EnvError } from '@/server/env';
import { createLogger } from '@/server/logger';
import { createDb } from '@/db/client';
import { databaseForProcess } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { createBoss } from '@/server/adapters/queue';
import { registerJobs, type WorkerDeps } from './registry';
import { jobs } from './job-list';
import { startServices } from './services';
import { tuneWorkerHeap } from './heap';

// The worker entry (CONVENTIONS): env, logger, deps, job registry, graceful shutdown.
async function main() {
  tuneWorkerHeap();
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    console.error(err instanceof EnvError ? err.message : err);
    process.exit(2);
  }
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'worker' });
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;

  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason instanceof Error ? { message: reason.message, stack: reason.stack } : String(reason) }, 'unhandled rejection');
    process.exit(1);
  });

  const { url, stop: stopPg } = await databaseForProcess(env);
  await runMigrations(url);
  const { db, sql } = createDb(url, { max: 10 });
  const boss = createBoss(url);
  boss.on('error', (err) => logger.error({ err: { message: err.message } }, 'queue error'));
  await boss.start();

  const deps: WorkerDeps = { db, sql, boss, logger, env, workerId };
  await registerJobs(deps, jobs);
  const services = await startServices(deps);
  logger.info({ workerId, jobs: jobs.map((j) => j.name) }, 'worker started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    const deadline = setTimeout(() => {
      logger.error({ deadlineMs: env.WORKER_SHUTDOWN_DEADLINE_MS }, 'shutdown deadline passed, exiting');
      process.exit(1);
    }, env.WORKER_SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    await services.stop();
    await boss.stop({ graceful: true, timeout: Math.max(1000, env.WORKER_SHUTDOWN_DEADLINE_MS - 2000) });
    await sql.end({ timeout: 2 });
    await stopPg?.();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

void main();
