import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { organizations } from '@/db/schema';
import { notFound } from '@/server/app-error';
import { purgeRun, runBatches, type PurgeOptions, type PurgeRunResult } from './purge-run';

// Issue 8 "Organization deletion purges everything the organization owns" (PRODUCT #13: only then do
// sequence emails go). Marking is instant (members lose access at once: the actor lookup ignores
// deleted organizations); the purge job removes the data in bounded batches.
export async function requestOrganizationDeletion(db: Database, input: { organizationId: string; now: Date }): Promise<{ deletedAt: Date }> {
  const [row] = await db
    .update(organizations)
    .set({ deletedAt: input.now })
    .where(and(eq(organizations.id, input.organizationId), isNull(organizations.deletedAt)))
    .returning({ deletedAt: organizations.deletedAt });
  if (!row?.deletedAt) throw notFound('Organization not found');
  return { deletedAt: row.deletedAt };
}

async function deleteBatch(db: Database, q: ReturnType<typeof sql>): Promise<number> {
  const rows = await db.execute<{ n: number }>(q);
  return Number(rows[0]?.n ?? 0);
}

// Big tables first, in batches, so the final cascading `delete from organization` is small.
async function purgeOne(db: Database, org: string, opts: PurgeOptions): Promise<{ removed: number; batches: number; complete: boolean }> {
  let removed = 0;
  let batches = 0;
  const steps = [
    (limit: number) => sql`with b as (select id from message where organization_id = ${org} limit ${limit} for update skip locked),
      d as (delete from message m using b where m.id = b.id returning 1) select count(*)::int as n from d`,
    (limit: number) => sql`with b as (select id from engagement where organization_id = ${org} limit ${limit} for update skip locked),
      d as (delete from engagement e using b where e.id = b.id returning 1) select count(*)::int as n from d`,
    (limit: number) => sql`with b as (select id from attachment where organization_id = ${org} limit ${limit} for update skip locked),
      d as (delete from attachment a using b where a.id = b.id returning 1) select count(*)::int as n from d`,
    // Blobs carry up to 200 chunks of 256 KB each: smaller batches keep each transaction short.
    (limit: number) => sql`with b as (select id from blob where organization_id = ${org} limit ${Math.max(1, Math.floor(limit / 50))} for update skip locked),
      d as (delete from blob x using b where x.id = b.id returning 1) select count(*)::int as n from d`,
  ];
  for (const step of steps) {
    const r = await runBatches(opts, async (limit) => {
      const n = await deleteBatch(db, step(limit));
      removed += n;
      return n;
    });
    batches += r.batches;
    if (!r.complete) return { removed, batches, complete: false };
  }
  await db.transaction(async (tx) => {
    // Users who belonged to this organization only have nothing left to sign in to.
    const lonely = await tx.execute<{ user_id: string }>(sql`
      select m.user_id from membership m where m.organization_id = ${org}
        and not exists (select 1 from membership o where o.user_id = m.user_id and o.organization_id <> ${org})`);
    const jobs = await tx.execute<{ job: string | null; archive: string | null }>(sql`select to_regclass('pgboss.job')::text as job, to_regclass('pgboss.archive')::text as archive`);
    for (const t of [jobs[0]?.job, jobs[0]?.archive]) if (t) await tx.execute(sql`delete from ${sql.raw(t)} where data->>'organizationId' = ${org}`);
    await tx.execute(sql`delete from organization where id = ${org}`);
    if (lonely.length) await tx.execute(sql`delete from "user" where id in (${sql.join(lonely.map((u) => sql`${u.user_id}`), sql`, `)})`);
    removed += 1;
  });
  return { removed, batches: batches + 1, complete: true };
}

// Issue 8: purges every organization marked deleted at or before `now`.
export async function purgeDeletedOrganizations(db: Database, opts: PurgeOptions): Promise<PurgeRunResult> {
  return purgeRun(db, 'organization', opts, async (byOrg) => {
    const due = await db.execute<{ id: string }>(sql`select id from organization where deleted_at is not null and deleted_at <= ${opts.now.toISOString()}::timestamptz order by deleted_at`);
    let removed = 0;
    let batches = 0;
    let complete = true;
    for (const { id } of due) {
      const r = await purgeOne(db, id, opts);
      byOrg[id] = r.removed;
      removed += r.removed;
      batches += r.batches;
      if (!r.complete) {
        complete = false;
        break;
      }
    }
    return { removed, batches, complete, details: { organizations: due.length } };
  });
}
