import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { cutoffs } from '@/server/domain/retention/retention-policy';
import { addCounts, purgeRun, runBatches, type PurgeOptions, type PurgeRunResult } from './purge-run';

type Counted = { organization_id: string; n: number; last: string | null };

// PRODUCT #17: a synced message's metadata (headers, addresses, subject, ids) is deleted 60 days after
// sync; its references go with it (FK cascade). The Message-ID is kept in `purged_message_id`, per
// mailbox, so a resync or backfill recognises it and does not import it again (no resurrection).
export async function purgeExpiredMetadata(db: Database, opts: PurgeOptions): Promise<PurgeRunResult> {
  const cut = cutoffs(opts.now).metadataSyncedAtOrBefore.toISOString();
  const now = opts.now.toISOString();
  return purgeRun(db, '17', opts, async (byOrg) => {
    let removed = 0;
    let from = '-infinity';
    const run = await runBatches(opts, async (limit) => {
      const rows = await db.execute<Counted>(sql`
        with batch as (
          select id, synced_at from message
          where synced_at <= ${cut}::timestamptz and synced_at >= ${from}::timestamptz
          order by synced_at limit ${limit} for update skip locked
        ), del as (
          delete from message m using batch where m.id = batch.id
          returning m.organization_id, m.mailbox_id, m.message_id
        ), tomb as (
          insert into purged_message_id (organization_id, mailbox_id, message_id, purged_at)
          select distinct organization_id, mailbox_id, message_id, ${now}::timestamptz from del
          on conflict (mailbox_id, message_id) do nothing
        )
        select organization_id, count(*)::int as n, (select max(synced_at) from batch)::text as last from del group by organization_id`);
      if (rows[0]?.last) from = rows[0].last;
      const n = addCounts(byOrg, rows);
      removed += n;
      return n;
    });
    return { removed, ...run };
  });
}
