import type { WorkerDeps } from './registry';

export type RunningService = { stop: () => Promise<void> };

// Long-running loops beside the job queue (mailbox sync scheduler, inbound SMTP listener); features add theirs here.
export async function startServices(_deps: WorkerDeps): Promise<RunningService> {
  const running: RunningService[] = [];
  return {
    stop: async () => {
      await Promise.all(running.map((s) => s.stop()));
    },
  };
}
