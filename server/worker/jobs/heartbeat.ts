import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { defineJob } from '../registry';

// Proves the worker, the queue and the database are alive; visible in logs once a minute.
export const heartbeatJob = defineJob({
  name: 'heartbeat',
  schema: z.object({}).passthrough(),
  cron: '* * * * *',
  handler: async (_data, { db, logger, workerId }) => {
    await db.execute(sql`select 1`);
    logger.info({ workerId }, 'heartbeat');
  },
});
