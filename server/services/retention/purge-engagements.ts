import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { cutoffs } from '@/server/domain/retention/retention-policy';
import { addCounts, purgeRun, runBatches, type CountsByOrg, type PurgeOptions, type PurgeRunResult } from './purge-run';
import { deleteOrphanBlobs } from './orphan-blobs';

// PRODUCT #14 covers what the CRM sent from a timeline, #15 what was received and logged. Sequence
// emails (#13) are never purged while the organization exists, deleted or not.
const kindsOf = { '14': ['sent_from_timeline'], '15': ['logged_reply', 'bcc_logged'] } as const;

type Counted = { organization_id: string; n: number; last: string | null; blob_ids: string[] | null; attachments: number };

const kindList = (rule: '14' | '15') => sql.join(kindsOf[rule].map((k) => sql`${k}::engagement_kind`), sql`, `);

// PRODUCT #14/#15 "or the contact was removed": engagements of a removed contact leave the timeline as if
// deleted at the removal time, so the same 90-day clock applies. Removing a contact hides them at once;
// this sweep is the safety net. Removing a *mailbox* does not: PRODUCT #15 keeps logged email until the
// engagement or the account is deleted, and issue "Connect" says logged engagements stay on timelines.
async function hideOrphaned(db: Database, rule: '14' | '15', now: Date, limit: number, byOrg: CountsByOrg): Promise<number> {
  // Driven from the (few) removed contacts, so it walks indexes, not the whole engagement table.
  const rows = await db.execute<{ organization_id: string; n: number }>(sql`
    with batch as (
      select e.id, c.deleted_at as at from contact c
      join engagement e on e.organization_id = c.organization_id and e.contact_id = c.id
      where c.deleted_at is not null and c.deleted_at <= ${now.toISOString()}::timestamptz and e.deleted_at is null and e.kind in (${kindList(rule)})
      limit ${limit} for update of e skip locked
    ), upd as (
      update engagement e set deleted_at = b.at
      from batch b
      where e.id = b.id returning e.organization_id
    )
    select organization_id, count(*)::int as n from upd group by organization_id`);
  return addCounts(byOrg, rows);
}

async function purgeRule(db: Database, rule: '14' | '15', opts: PurgeOptions): Promise<PurgeRunResult> {
  const cut = cutoffs(opts.now).engagementDeletedAtOrBefore.toISOString();
  const now = opts.now.toISOString();
  return purgeRun(db, rule, opts, async (byOrg) => {
    const hiddenByOrg: CountsByOrg = {};
    const hid = await runBatches(opts, (limit) => hideOrphaned(db, rule, opts.now, limit, hiddenByOrg));
    let removed = 0;
    let attachments = 0;
    let blobs = 0;
    let from = '-infinity';
    const run = await runBatches(opts, (limit) =>
      db.transaction(async (tx) => {
        const rows = await tx.execute<Counted>(sql`
          with batch as (
            select id, deleted_at from engagement
            where deleted_at <= ${cut}::timestamptz and deleted_at >= ${from}::timestamptz and kind in (${kindList(rule)})
            order by deleted_at limit ${limit} for update skip locked
          ), att as (
            select a.blob_id from attachment a join batch on a.engagement_id = batch.id
          ), del as (
            delete from engagement e using batch where e.id = batch.id
            returning e.organization_id, e.mailbox_id, e.message_id
          ), tomb as (
            insert into purged_message_id (organization_id, mailbox_id, message_id, purged_at)
            select distinct organization_id, mailbox_id, message_id, ${now}::timestamptz from del where mailbox_id is not null
            on conflict (mailbox_id, message_id) do nothing
          )
          select organization_id, count(*)::int as n, (select max(deleted_at) from batch)::text as last,
                 (select array_agg(distinct blob_id) from att) as blob_ids, (select count(*)::int from att) as attachments
          from del group by organization_id`);
        if (rows[0]?.last) from = rows[0].last;
        attachments += rows[0]?.attachments ?? 0;
        blobs += await deleteOrphanBlobs(tx, rows[0]?.blob_ids ?? []);
        const n = addCounts(byOrg, rows);
        removed += n;
        return n;
      }),
    );
    return { removed, batches: hid.batches + run.batches, complete: hid.complete && run.complete, details: { hiddenByOrg, attachments, blobs } };
  });
}

// PRODUCT #14: deleted timeline-sent engagements purged for good 90 days after deletion.
export function purgeDeletedSentEngagements(db: Database, opts: PurgeOptions) {
  return purgeRule(db, '14', opts);
}

// PRODUCT #15: deleted logged (received) engagements purged for good 90 days after deletion.
export function purgeDeletedLoggedEngagements(db: Database, opts: PurgeOptions) {
  return purgeRule(db, '15', opts);
}
