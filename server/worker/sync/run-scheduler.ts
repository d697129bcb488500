import { parseEnv } from '@/server/env';
import { createLogger } from '@/server/logger';
import { createDb } from '@/db/client';
import { mailSourceOpener } from '@/server/services/sync/open-source';
import { startSyncScheduler } from './scheduler';
import { schedulerOptionsFromEnv } from './start-sync';

// A worker process that runs only the sync scheduler (used by the multi-process tests and the
// benchmark; `npm run worker` runs the same scheduler beside the job queue). Needs DATABASE_URL.
async function main() {
  const env = parseEnv(process.env);
  if (!env.DATABASE_URL) throw new Error('DATABASE_URL is required');
  const workerId = process.env.SYNC_WORKER_ID ?? `sync:${process.pid}`;
  const logger = createLogger({ level: env.LOG_LEVEL, name: 'sync' });
  const { db, sql } = createDb(env.DATABASE_URL, { max: 5 });
  const opts = schedulerOptionsFromEnv(env, workerId);
  if (process.env.SYNC_UIDS_PER_FETCH) opts.config = { ...opts.config, uidsPerFetch: Number(process.env.SYNC_UIDS_PER_FETCH), batchSize: Math.min(opts.config.batchSize, Number(process.env.SYNC_UIDS_PER_FETCH)) };
  const scheduler = startSyncScheduler({ db, sql, logger, open: mailSourceOpener(db, { logger }) }, opts);
  const stop = async () => {
    await scheduler.stop();
    await sql.end({ timeout: 2 });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  logger.info({ workerId }, 'sync scheduler started');
}

void main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
