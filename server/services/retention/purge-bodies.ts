import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { cutoffs } from '@/server/domain/retention/retention-policy';
import { addCounts, purgeRun, runBatches, type PurgeOptions, type PurgeRunResult } from './purge-run';

type Counted = { organization_id: string; n: number; last: string | null };

// PRODUCT #16: bodies of synced messages are deleted 7 days after sync, logged or not. The engagement
// keeps its own copy, so only `message` is touched. Two passes:
//   1. rows whose `body_expires_at` (set at sync to synced_at + 7 days) has passed: an index range
//      that shrinks as it is purged (the column is cleared with the body);
//   2. a safety net for bodies stored without an expiry, judged by `synced_at` directly.
export async function purgeExpiredBodies(db: Database, opts: PurgeOptions): Promise<PurgeRunResult> {
  const cut = cutoffs(opts.now).bodySyncedAtOrBefore;
  const now = opts.now.toISOString();
  return purgeRun(db, '16', opts, async (byOrg) => {
    let removed = 0;
    let from = '-infinity';
    const first = await runBatches(opts, async (limit) => {
      const rows = await db.execute<Counted>(sql`
        with batch as (
          select id, body_expires_at as exp from message
          where body_expires_at <= ${now}::timestamptz and body_expires_at >= ${from}::timestamptz
          order by body_expires_at limit ${limit} for update skip locked
        ), upd as (
          update message m set body_text = null, body_html = null, body_expires_at = null
          from batch where m.id = batch.id
          returning m.organization_id
        )
        select organization_id, count(*)::int as n, (select max(exp) from batch)::text as last from upd group by organization_id`);
      // Keyset: the next batch starts where this one ended instead of re-walking purged index entries.
      if (rows[0]?.last) from = rows[0].last;
      const n = addCounts(byOrg, rows);
      removed += n;
      return n;
    });
    const second = await runBatches(opts, async (limit) => {
      const rows = await db.execute<Counted>(sql`
        with batch as (
          select id from message
          where body_expires_at is null and synced_at <= ${cut.toISOString()}::timestamptz
            and (body_text is not null or body_html is not null)
          limit ${limit} for update skip locked
        ), upd as (
          update message m set body_text = null, body_html = null
          from batch where m.id = batch.id
          returning m.organization_id
        )
        select organization_id, count(*)::int as n, null as last from upd group by organization_id`);
      const n = addCounts(byOrg, rows);
      removed += n;
      return n;
    });
    return { removed, batches: first.batches + second.batches, complete: first.complete && second.complete };
  });
}
