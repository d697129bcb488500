import type { WorkerDeps } from './registry';
import { startSendServices } from '@/server/services/send/worker-services';
import { startSyncService } from './sync/start-sync';

export type RunningService = { stop: () => Promise<void> };

// Long-running loops beside the job queue (mailbox sync scheduler, inbound SMTP listener); features add theirs here.
export async function startServices(deps: WorkerDeps): Promise<RunningService> {
  const running: RunningService[] = [];
  running.push(...(await startSendServices(deps)));
  running.push(await startSyncService(deps));
  return {
    stop: async () => {
      await Promise.all(running.map((s) => s.stop()));
    },
  };
}
