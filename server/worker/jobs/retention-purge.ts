import { z } from 'zod';
import { defineJob, type WorkerDeps } from '../registry';
import { purgeExpiredBodies } from '@/server/services/retention/purge-bodies';
import { purgeExpiredMetadata } from '@/server/services/retention/purge-metadata';
import { purgeDeletedLoggedEngagements, purgeDeletedSentEngagements } from '@/server/services/retention/purge-engagements';
import { purgeDeletedOrganizations } from '@/server/services/retention/purge-organizations';
import type { PurgeOptions, PurgeRunResult } from '@/server/services/retention/purge-run';

// Retention crons (PRODUCT #13–#17). pg-boss enqueues each cron tick once across all workers, the
// `stately` queue policy keeps at most one run active and one waiting, and the services hold a
// per-rule advisory lock, so several workers never purge the same rule at once. `now` is read here,
// at the edge; the services take it as a parameter so tests drive them with a fake clock.
const payload = z.object({}).passthrough();

function retentionJob(name: string, cron: string, run: (db: WorkerDeps['db'], opts: PurgeOptions) => Promise<PurgeRunResult>) {
  return defineJob({
    name,
    schema: payload,
    cron,
    queue: { policy: 'stately', retryLimit: 2, expireInSeconds: 3600 },
    handler: async (_data, { db, logger }) => {
      // A run is capped (1,000 batches of 1,000 rows); the next tick continues where it stopped.
      const r = await run(db, { now: new Date(), maxBatches: 1000 });
      logger.info({ job: name, rule: r.rule, removed: r.removed, batches: r.batches, complete: r.complete, skipped: r.skipped }, 'retention run');
    },
  });
}

export const retentionBodiesJob = retentionJob('retention-bodies', '5 * * * *', purgeExpiredBodies);
export const retentionMetadataJob = retentionJob('retention-metadata', '15 * * * *', purgeExpiredMetadata);
export const retentionSentEngagementsJob = retentionJob('retention-engagements-sent', '25 * * * *', purgeDeletedSentEngagements);
export const retentionLoggedEngagementsJob = retentionJob('retention-engagements-logged', '35 * * * *', purgeDeletedLoggedEngagements);
export const retentionOrganizationsJob = retentionJob('retention-organizations', '45 * * * *', purgeDeletedOrganizations);

export const retentionJobs = [retentionBodiesJob, retentionMetadataJob, retentionSentEngagementsJob, retentionLoggedEngagementsJob, retentionOrganizationsJob];
