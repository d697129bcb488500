import type { JobDefinition } from './registry';
import { heartbeatJob } from './jobs/heartbeat';
import { deliverOutboxJob } from './jobs/deliver-outbox';
import { retentionJobs } from './jobs/retention-purge';

// Every job the worker runs; features add one line each.
export const jobs: readonly JobDefinition[] = [heartbeatJob, deliverOutboxJob, ...retentionJobs];
