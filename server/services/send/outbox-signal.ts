import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

// Web → worker without a queue client in the web process: a Postgres NOTIFY after the outbox row is
// committed wakes the worker's outbox loop at once. A lost signal only costs the loop's poll interval.
export const OUTBOX_CHANNEL = 'mailroom_outbox';

export async function signalOutbox(db: Database, outboxId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, ${outboxId})`);
}
