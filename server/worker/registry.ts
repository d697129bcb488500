import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { Database, Sql } from '@/db/client';
import type { Logger } from '@/server/logger';
import type { Env } from '@/server/env';

export type WorkerDeps = { db: Database; sql: Sql; boss: PgBoss; logger: Logger; env: Env; workerId: string };

// A job: a name, a zod schema for its payload (payloads hold ids, never secrets or mail content),
// a handler, and optionally a cron schedule (pg-boss runs each scheduled tick once across all workers).
export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  name: string;
  schema: S;
  handler: (data: z.infer<S>, deps: WorkerDeps) => Promise<void>;
  cron?: string;
  batchSize?: number;
  pollingIntervalSeconds?: number;
  // pg-boss queue options: retries with backoff, expiry of a stuck job.
  queue?: Partial<PgBoss.Queue>;
};

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  return def;
}

export async function registerJobs(deps: WorkerDeps, jobs: readonly JobDefinition[]): Promise<void> {
  for (const job of jobs) {
    await deps.boss.createQueue(job.name, { name: job.name, retryLimit: 3, retryBackoff: true, ...job.queue });
    await deps.boss.work(job.name, { batchSize: job.batchSize ?? 1, pollingIntervalSeconds: job.pollingIntervalSeconds ?? 1 }, async (batch) => {
      for (const item of batch) {
        const parsed = job.schema.safeParse(item.data ?? {});
        if (!parsed.success) {
          deps.logger.error({ job: job.name, jobId: item.id, issues: parsed.error.issues.length }, 'job payload rejected');
          continue;
        }
        const started = Date.now();
        await job.handler(parsed.data, deps);
        deps.logger.debug({ job: job.name, jobId: item.id, ms: Date.now() - started }, 'job done');
      }
    });
    if (job.cron) await deps.boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
  }
}
