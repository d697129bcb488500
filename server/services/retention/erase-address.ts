import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { normalizeAddress } from '@/server/domain/retention/ingest-guard';
import { AppError } from '@/server/app-error';
import { deleteOrphanBlobs } from './orphan-blobs';
import { recordRun } from './purge-run';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export type EraseReport = {
  engagements: number;
  attachments: number;
  blobs: number;
  messages: number;
  messageReferences: number;
  outbox: number;
  contactEmails: number;
  neverLogRules: number;
  mailboxEvents: number;
  notifications: number;
  queueJobs: number;
  /** False when the address was already on the suppression list. */
  newlySuppressed: boolean;
};

// True when a jsonb array of { address } objects holds `a` (case-insensitive).
const inList = (col: SQL, a: string) => sql`exists (select 1 from jsonb_array_elements(coalesce(${col}, '[]'::jsonb)) x where lower(x->>'address') = ${a})`;
const mentions = (col: SQL, a: string) => sql`position(${a} in lower(coalesce(${col}, ''))) > 0`;

async function count(tx: Tx, q: SQL): Promise<number> {
  const rows = await tx.execute<{ n: number }>(q);
  return Number(rows[0]?.n ?? 0);
}

// Issue 8 "Erase by address" (GDPR): removes everything this organization holds about one address:
// engagements and messages where it takes part (references, attachments, orphaned blobs and search
// entries go with them), outbox payloads, contact addresses, never-log entries, sync events and
// notifications that mention it, and queued job payloads; then suppresses it so future syncs neither
// store nor log it. One transaction: either all of it is gone or none.
export async function eraseAddress(db: Database, input: { organizationId: string; address: string; now: Date }): Promise<EraseReport> {
  const a = normalizeAddress(input.address);
  const org = input.organizationId;
  const report = await db.transaction(async (tx) => {
    const own = await count(
      tx,
      sql`select count(*)::int as n from (
            select 1 from mailbox where organization_id = ${org} and lower(email_address) = ${a} and removed_at is null
            union all select 1 from membership m join "user" u on u.id = m.user_id where m.organization_id = ${org} and lower(u.email) = ${a}) t`,
    );
    if (own > 0) throw new AppError('BAD_INPUT', 'This address belongs to a member or a connected inbox of your organization; remove the member or inbox instead.', { address: 'Belongs to your organization' });

    const eng = await tx.execute<{ id: string; blob_ids: string[] | null; attachments: number }>(sql`
      with hit as (
        select id from engagement where organization_id = ${org}
          and (lower(from_address) = ${a} or ${inList(sql`to_addresses`, a)} or ${inList(sql`cc_addresses`, a)})
        for update
      ), att as (select a.blob_id from attachment a join hit on a.engagement_id = hit.id),
      del as (delete from engagement e using hit where e.id = hit.id returning e.id)
      select (select count(*)::int from del) as id, (select array_agg(distinct blob_id) from att) as blob_ids, (select count(*)::int from att) as attachments`);
    const engagementsRemoved = Number(eng[0]?.id ?? 0);
    const attachments = Number(eng[0]?.attachments ?? 0);
    const blobs = await deleteOrphanBlobs(tx, eng[0]?.blob_ids ?? []);

    const msg = await tx.execute<{ messages: number; refs: number }>(sql`
      with hit as (
        select id from message where organization_id = ${org}
          and (lower(from_address) = ${a} or ${inList(sql`to_addresses`, a)} or ${inList(sql`cc_addresses`, a)})
      ), refs as (select count(*)::int as n from message_reference r join hit on r.message_row_id = hit.id),
      del as (delete from message m using hit where m.id = hit.id returning 1)
      select (select count(*)::int from del) as messages, (select n from refs) as refs`);

    const outbox = await count(tx, sql`
      with del as (delete from outbox where organization_id = ${org}
        and (${inList(sql`payload->'to'`, a)} or ${inList(sql`payload->'cc'`, a)} or ${inList(sql`payload->'bcc'`, a)}) returning 1)
      select count(*)::int as n from del`);
    const contactEmails = await count(tx, sql`with del as (delete from contact_email where organization_id = ${org} and lower(email) = ${a} returning 1) select count(*)::int as n from del`);
    const neverLogRules = await count(tx, sql`with del as (delete from never_log_rule where organization_id = ${org} and kind = 'address' and lower(value) = ${a} returning 1) select count(*)::int as n from del`);
    const mailboxEvents = await count(tx, sql`
      with del as (delete from mailbox_event where organization_id = ${org} and (${mentions(sql`message`, a)} or ${mentions(sql`details::text`, a)}) returning 1)
      select count(*)::int as n from del`);
    const notifications = await count(tx, sql`
      with del as (delete from notification where organization_id = ${org} and (${mentions(sql`message`, a)} or ${mentions(sql`link`, a)}) returning 1)
      select count(*)::int as n from del`);
    const queueJobs = await eraseFromQueue(tx, org, a);

    const sup = await tx.execute(sql`insert into suppressed_address (organization_id, address, created_at) values (${org}, ${a}, ${input.now.toISOString()}::timestamptz) on conflict do nothing returning 1`);
    return {
      engagements: engagementsRemoved,
      attachments,
      blobs,
      messages: Number(msg[0]?.messages ?? 0),
      messageReferences: Number(msg[0]?.refs ?? 0),
      outbox,
      contactEmails,
      neverLogRules,
      mailboxEvents,
      notifications,
      queueJobs,
      newlySuppressed: sup.length > 0,
    } satisfies EraseReport;
  });
  // The audit trail keeps counts only, never the address.
  const { newlySuppressed: _s, ...counts } = report;
  const removed = Object.values(counts).reduce((s, n) => s + n, 0);
  await recordRun(db, { rule: 'erase', startedAt: input.now, finishedAt: input.now, removed, byOrg: { [org]: removed }, details: { counts } });
  return report;
}

// pg-boss payloads and outputs (job results, error reports) that mention the address, in this
// organization's jobs or jobs that carry no organization. Jobs should hold ids only; this is the net.
async function eraseFromQueue(tx: Tx, org: string, a: string): Promise<number> {
  const [has] = await tx.execute<{ job: string | null; archive: string | null }>(sql`select to_regclass('pgboss.job')::text as job, to_regclass('pgboss.archive')::text as archive`);
  let n = 0;
  for (const table of [has?.job, has?.archive]) {
    if (!table) continue;
    n += await count(tx, sql`
      with del as (delete from ${sql.raw(table)} where (data->>'organizationId' = ${org} or data->>'organizationId' is null)
        and (${mentions(sql`data::text`, a)} or ${mentions(sql`output::text`, a)}) returning 1)
      select count(*)::int as n from del`);
  }
  return n;
}
