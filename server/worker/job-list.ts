import type { JobDefinition } from './registry';
import { heartbeatJob } from './jobs/heartbeat';

// Every job the worker runs; features add one line each.
export const jobs: readonly JobDefinition[] = [heartbeatJob];
