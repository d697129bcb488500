import type { Database, Sql } from '@/db/client';
import type { Logger } from '@/server/logger';
import { deliverOutbox, dueOutboxIds, type DeliverDeps } from './deliver';
import { OUTBOX_CHANNEL } from './outbox-signal';

// The worker's outbox loop (issue 6): woken by the web's NOTIFY, and polling as a backstop for lost
// signals, retries whose backoff ran out and rows a crashed worker left "sending" past their lease.
// Any number of workers may run it: the claim in deliverOutbox lets exactly one take each row.

export type OutboxLoopDeps = { db: Database; sql: Sql; logger: Logger; pollMs?: number; deliver?: Partial<DeliverDeps> };

export async function startOutboxLoop(deps: OutboxLoopDeps): Promise<{ stop: () => Promise<void> }> {
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const pass = async () => {
    for (const id of await dueOutboxIds(deps.db, new Date())) {
      if (stopped) return;
      try {
        await deliverOutbox({ db: deps.db, logger: deps.logger, ...deps.deliver }, id);
      } catch (err) {
        deps.logger.error({ outboxId: id, err: { message: (err as Error).message } }, 'outbox delivery crashed');
      }
    }
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = pass()
      .catch((err) => deps.logger.error({ err: { message: (err as Error).message } }, 'outbox pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  const listener = await deps.sql.listen(OUTBOX_CHANNEL, () => kick()).catch((err) => {
    deps.logger.warn({ err: { message: (err as Error).message } }, 'outbox LISTEN failed; polling only');
    return null;
  });
  const schedule = () => {
    timer = setTimeout(() => {
      kick();
      if (!stopped) schedule();
    }, deps.pollMs ?? 3000);
    timer.unref();
  };
  kick();
  schedule();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await listener?.unlisten().catch(() => undefined);
      await running;
    },
  };
}
