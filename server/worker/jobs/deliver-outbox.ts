import { z } from 'zod';
import { defineJob } from '../registry';
import { deliverOutbox } from '@/server/services/send/deliver';

export const DELIVER_OUTBOX_JOB = 'deliver-outbox';

// Issue 6 "Outbox, exactly once": the payload is the row id only, never content or secrets. pg-boss
// retries are off: the outbox row keeps its own attempts and backoff, and the send sweep picks up due rows.
export const deliverOutboxJob = defineJob({
  name: DELIVER_OUTBOX_JOB,
  schema: z.object({ outboxId: z.uuid() }),
  queue: { retryLimit: 0 },
  handler: async ({ outboxId }, { db, logger }) => {
    const outcome = await deliverOutbox({ db, logger }, outboxId);
    logger.debug({ outboxId, status: outcome.status }, 'deliver-outbox');
  },
});
