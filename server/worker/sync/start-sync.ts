import type { Env } from '@/server/env';
import { mailSourceOpener } from '@/server/services/sync/open-source';
import { DEFAULT_SYNC_CONFIG } from '@/server/services/sync/sync-folder';
import type { WorkerDeps } from '../registry';
import { startSyncScheduler, type SchedulerOptions } from './scheduler';

// Scheduler options from the environment (issue 5): lease, IDLE cadence, backfill window, flag sweep.
export function schedulerOptionsFromEnv(env: Env, workerId: string): SchedulerOptions {
  const leaseMs = env.SYNC_LEASE_SECONDS * 1000;
  return {
    workerId,
    leaseMs,
    claimEveryMs: Math.min(5000, Math.floor(leaseMs / 3)),
    maxMailboxes: env.SYNC_MAX_MAILBOXES_PER_WORKER,
    ...(env.SYNC_ONLY_ORGANIZATIONS ? { onlyOrganizations: env.SYNC_ONLY_ORGANIZATIONS.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    session: { idleMs: env.SYNC_IDLE_SECONDS * 1000, watchdogMs: 15_000, pendingEveryMs: 5 * 60_000 },
    config: { ...DEFAULT_SYNC_CONFIG, backfillDays: env.SYNC_BACKFILL_DAYS, flagSweepIntervalMs: env.SYNC_FLAG_SWEEP_MINUTES * 60_000 },
  };
}

// Registered in server/worker/services.ts: the long-running sync loop of this worker process.
export async function startSyncService(deps: WorkerDeps): Promise<{ stop: () => Promise<void> }> {
  if (deps.env.SYNC_MAX_MAILBOXES_PER_WORKER === 0) return { stop: async () => undefined };
  const scheduler = startSyncScheduler({ db: deps.db, sql: deps.sql, logger: deps.logger, open: mailSourceOpener(deps.db, { logger: deps.logger }) }, schedulerOptionsFromEnv(deps.env, deps.workerId));
  return { stop: scheduler.stop };
}
