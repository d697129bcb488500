import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { ingestGuard } from '@/server/domain/retention/ingest-guard';
import { purgeExpiredBodies } from './purge-bodies';
import { purgeExpiredMetadata } from './purge-metadata';
import { purgeDeletedLoggedEngagements, purgeDeletedSentEngagements } from './purge-engagements';
import { purgeDeletedOrganizations, requestOrganizationDeletion } from './purge-organizations';
import { deleteEngagement, restoreEngagement } from './engagement-deletion';
import { deleteContact } from './contact-deletion';
import { loadIngestGuard } from './ingest-guard-loader';
import { withRuleLock } from './purge-run';
import { insertAttachment, insertEngagement, insertMessage, makeMailbox } from './retention-fixtures';
import { runPurge } from './retention-fixtures';

// Fake clock: every service takes `now`. Times sit in 1999 so the global purge statements in this file
// never reach rows other test files write at the real "now".
const { db, sql: client } = testDb();
afterAll(() => client.end());

const DAY = 86_400_000;
const T0 = new Date('1999-03-01T12:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

async function one<T>(q: ReturnType<typeof sql>): Promise<T | undefined> {
  return (await db.execute(q))[0] as T | undefined;
}

async function setup() {
  const o = await makeOrg(db, 'Retention');
  const { mailbox, folder } = await makeMailbox(db, o.org, o.rep.id);
  return { ...o, mailbox, folder, where: { organizationId: o.org.id, mailboxId: mailbox.id, folderId: folder.id } };
}

describe('PRODUCT #16: synced bodies are deleted 7 days after sync', () => {
  it('day 6 keeps, day 7 and day 8 delete; with or without body_expires_at; the engagement keeps its copy', async () => {
    const s = await setup();
    // One run at T0+7 days sees messages aged 6 (N−1), 7 (N) and 8 (N+1) days.
    const ages = [6, 7, 8];
    const withExpiry = await Promise.all(ages.map((age) => insertMessage(db, s.where, { syncedAt: at(7 - age), body: `body aged ${age}`, bodyExpiresAt: at(7 - age + 7) })));
    const without = await Promise.all(ages.map((age) => insertMessage(db, s.where, { syncedAt: at(7 - age), body: `legacy aged ${age}` })));
    const eng = await insertEngagement(db, { organizationId: s.org.id, contactId: s.contact.id }, { body: 'engagement copy', messageId: withExpiry[2]!.messageId });

    const run = await runPurge(() => purgeExpiredBodies(db, { now: at(7) }));
    expect(run.skipped).toBe(false);
    expect(run.byOrg[s.org.id]).toBe(4);

    for (const [i, age] of ages.entries()) {
      for (const m of [withExpiry[i]!, without[i]!]) {
        const row = await one<{ body_text: string | null; body_html: string | null; subject: string | null }>(sql`select body_text, body_html, subject from message where id = ${m.id}`);
        expect(row?.subject).toBe('Quarterly numbers'); // metadata stays (PRODUCT #17 is separate)
        if (age >= 7) expect([row?.body_text, row?.body_html]).toEqual([null, null]);
        else expect(row?.body_text).toBe(`${m === withExpiry[i] ? 'body' : 'legacy'} aged 6`);
      }
    }
    const copy = await one<{ body_text: string }>(sql`select body_text from engagement where id = ${eng.id}`);
    expect(copy?.body_text).toBe('engagement copy');
    const rec = await one<{ rule: string; removed: number; mine: string }>(sql`select rule, removed, details->'byOrg'->>${s.org.id} as mine from retention_run where rule = '16' order by started_at desc, finished_at desc limit 1`);
    expect(rec).toMatchObject({ rule: '16', mine: '4' });
  });
});

describe('PRODUCT #17: synced metadata is deleted 60 days after sync, and never comes back', () => {
  it('day 59 keeps, day 60 and 61 delete with their references; the Message-IDs are tombstoned per mailbox', async () => {
    const s = await setup();
    const ages = [59, 60, 61];
    const msgs = await Promise.all(ages.map((age) => insertMessage(db, s.where, { syncedAt: at(60 - age), references: ['<root@x.test>', '<mid@x.test>'] })));
    const run = await runPurge(() => purgeExpiredMetadata(db, { now: at(60) }));
    expect(run.byOrg[s.org.id]).toBe(2);
    for (const [i, age] of ages.entries()) {
      const m = msgs[i]!;
      const left = await one<{ n: number }>(sql`select count(*)::int as n from message where id = ${m.id}`);
      const refs = await one<{ n: number }>(sql`select count(*)::int as n from message_reference where message_row_id = ${m.id}`);
      const tomb = await one<{ n: number }>(sql`select count(*)::int as n from purged_message_id where mailbox_id = ${s.mailbox.id} and message_id = ${m.messageId}`);
      expect({ age, left: left?.n, refs: refs?.n, tomb: tomb?.n }).toEqual(age >= 60 ? { age, left: 0, refs: 0, tomb: 1 } : { age, left: 1, refs: 2, tomb: 0 });
    }
    // No resurrection: the guard the sync consults refuses the purged ids and lets the kept one in.
    const sets = await loadIngestGuard(db, { organizationId: s.org.id, mailboxId: s.mailbox.id, messageIds: msgs.map((m) => m.messageId) });
    const decisions = msgs.map((m) => ingestGuard({ messageId: m.messageId, fromAddress: 'someone@customer.test', toAddresses: [], ccAddresses: [] }, sets));
    expect(decisions).toEqual([{ store: true }, { store: false, reason: 'metadata-purged', rule: 17 }, { store: false, reason: 'metadata-purged', rule: 17 }]);
  });

  it('a second worker running the same rule while the first holds it skips instead of doubling the work', async () => {
    const s = await setup();
    await Promise.all([1, 2, 3].map(() => insertMessage(db, s.where, { syncedAt: at(100) })));
    const held = await withRuleLock(db, '17', () => purgeExpiredMetadata(db, { now: at(200), batchSize: 1 }));
    expect(held).toMatchObject({ ran: true, value: { skipped: true, removed: 0 } });
    const free = await runPurge(() => purgeExpiredMetadata(db, { now: at(200), batchSize: 1 }));
    expect(free.skipped).toBe(false);
    expect(free.byOrg[s.org.id]).toBe(3);
    expect(free.batches).toBeGreaterThanOrEqual(3);
  });
});

describe('PRODUCT #13/#14/#15: deleted engagements vanish, stay restorable, and are purged 90 days later', () => {
  it('purges at day 90 and 91 but not 89; sequence emails stay; blobs go only when no other attachment uses them', async () => {
    const s = await setup();
    const c = { organizationId: s.org.id, contactId: s.contact.id };
    const mk = (kind: 'sent_from_timeline' | 'logged_reply' | 'bcc_logged' | 'sequence', age: number) => insertEngagement(db, c, { kind, deletedAt: at(90 - age), mailboxId: s.mailbox.id });
    const sent = await Promise.all([89, 90, 91].map((age) => mk('sent_from_timeline', age)));
    const logged = await Promise.all([89, 90, 91].map((age) => mk('logged_reply', age)));
    const bcc = await mk('bcc_logged', 91);
    const seq = await mk('sequence', 400);
    const live = await insertEngagement(db, c, { kind: 'logged_reply' });
    // logged[2] shares a blob with the live engagement; logged[1] has a blob of its own.
    const shared = await insertAttachment(db, { organizationId: s.org.id, engagementId: live.id });
    await insertAttachment(db, { organizationId: s.org.id, engagementId: logged[2]!.id }, shared);
    const own = await insertAttachment(db, { organizationId: s.org.id, engagementId: logged[1]!.id });

    // Before the purge: the day-89 one restores; the day-90 one is past its window.
    await restoreEngagement(db, { organizationId: s.org.id, engagementId: sent[0]!.id, now: at(90) });
    await expect(restoreEngagement(db, { organizationId: s.org.id, engagementId: sent[1]!.id, now: at(90) })).rejects.toMatchObject({ code: 'CONFLICT' });
    await deleteEngagement(db, { organizationId: s.org.id, engagementId: sent[0]!.id, now: at(1) });

    const r14 = await runPurge(() => purgeDeletedSentEngagements(db, { now: at(90) }));
    const r15 = await runPurge(() => purgeDeletedLoggedEngagements(db, { now: at(90) }));
    expect(r14.byOrg[s.org.id]).toBe(2);
    expect(r15.byOrg[s.org.id]).toBe(3);

    const exists = async (id: string) => (await one<{ n: number }>(sql`select count(*)::int as n from engagement where id = ${id}`))?.n;
    expect(await Promise.all([...sent, ...logged, bcc, seq, live].map((e) => exists(e.id)))).toEqual([1, 0, 0, 1, 0, 0, 0, 1, 1]);
    const blobs = await db.execute<{ id: string; chunks: number }>(sql`select b.id, (select count(*)::int from blob_chunk c where c.blob_id = b.id) as chunks from blob b where b.id in (${shared}, ${own})`);
    expect(blobs.map((b) => b.id)).toEqual([shared]);
    const att = await one<{ n: number }>(sql`select count(*)::int as n from attachment where organization_id = ${s.org.id}`);
    expect(att?.n).toBe(1);
    // A purged engagement's Message-ID is tombstoned for its mailbox, so the next sync cannot re-create it.
    const tomb = await one<{ n: number }>(sql`select count(*)::int as n from purged_message_id where mailbox_id = ${s.mailbox.id} and message_id = ${logged[2]!.messageId}`);
    expect(tomb?.n).toBe(1);
    const rec = await one<{ details: { hiddenByOrg: Record<string, number>; attachments: number; blobs: number } }>(sql`select details from retention_run where rule = '15' order by started_at desc limit 1`);
    expect(rec?.details.blobs).toBeGreaterThanOrEqual(1);
  });

  it('delete hides at once and NOT_FOUND across organizations; a re-delivered Message-ID does not bring it back', async () => {
    const s = await setup();
    const other = await setup();
    const e = await insertEngagement(db, { organizationId: s.org.id, contactId: s.contact.id }, { mailboxId: s.mailbox.id });
    await expect(deleteEngagement(db, { organizationId: other.org.id, engagementId: e.id, now: at(0) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const d = await deleteEngagement(db, { organizationId: s.org.id, engagementId: e.id, now: at(0) });
    expect(d.purgeAt).toEqual(at(90));
    // The logging service inserts with ON CONFLICT on (organization, contact, Message-ID): the deleted row wins.
    await db.execute(sql`insert into engagement (organization_id, contact_id, kind, status, direction, message_id, from_address, occurred_at)
      values (${s.org.id}, ${s.contact.id}, 'logged_reply', 'logged', 'inbound', ${e.messageId}, 'x@customer.test', now()) on conflict do nothing`);
    const rows = await db.execute<{ deleted_at: string | null }>(sql`select deleted_at::text from engagement where organization_id = ${s.org.id} and message_id = ${e.messageId}`);
    expect(rows.length).toBe(1);
    expect(rows[0]?.deleted_at).not.toBeNull();
    await expect(restoreEngagement(db, { organizationId: other.org.id, engagementId: e.id, now: at(1) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a removed contact takes its timeline with it at once, purged on the same 90-day clock; a removed mailbox keeps its logged email', async () => {
    const s = await setup();
    const c = { organizationId: s.org.id, contactId: s.contact.id };
    const a = await insertEngagement(db, c, { kind: 'logged_reply' });
    const b = await insertEngagement(db, c, { kind: 'sent_from_timeline' });
    const r = await deleteContact(db, { organizationId: s.org.id, contactId: s.contact.id, eraseAddresses: false, now: at(0) });
    expect(r.hiddenEngagements).toBe(2);
    const hidden = await db.execute<{ deleted_at: string }>(sql`select deleted_at::text from engagement where id in (${a.id}, ${b.id})`);
    expect(hidden.every((h) => h.deleted_at !== null)).toBe(true);

    // A removed mailbox is not a deleted engagement: what it logged stays on the timeline (PRODUCT #15).
    const t = await setup();
    const viaMailbox = await insertEngagement(db, { organizationId: t.org.id, contactId: t.contact.id }, { mailboxId: t.mailbox.id });
    await db.execute(sql`update mailbox set removed_at = ${at(100).toISOString()}::timestamptz where id = ${t.mailbox.id}`);
    await runPurge(() => purgeDeletedLoggedEngagements(db, { now: at(300) }));
    const h = await one<{ deleted_at: Date | null }>(sql`select deleted_at from engagement where id = ${viaMailbox.id}`);
    expect(h?.deleted_at).toBeNull();
  });
});

describe('Organization deletion purges everything it owns (PRODUCT #13: sequence emails included)', () => {
  it('leaves no row with its organization id and removes members who belonged nowhere else', async () => {
    const s = await setup();
    const e = await insertEngagement(db, { organizationId: s.org.id, contactId: s.contact.id }, { kind: 'sequence', mailboxId: s.mailbox.id });
    await insertAttachment(db, { organizationId: s.org.id, engagementId: e.id });
    await insertMessage(db, s.where, { syncedAt: at(0), body: 'x', references: ['<r@x.test>'] });
    const keep = await setup();
    await requestOrganizationDeletion(db, { organizationId: s.org.id, now: at(0) });
    // Not before it was asked for.
    await runPurge(() => purgeDeletedOrganizations(db, { now: at(-1) }));
    expect((await one<{ n: number }>(sql`select count(*)::int as n from engagement where organization_id = ${s.org.id}`))?.n).toBe(1);
    const run = await runPurge(() => purgeDeletedOrganizations(db, { now: at(0), batchSize: 1 }));
    expect(run.byOrg[s.org.id]).toBeGreaterThan(0);

    const tables = await db.execute<{ table_name: string }>(sql`select table_name from information_schema.columns where table_schema = 'public' and column_name = 'organization_id'`);
    expect(tables.length).toBeGreaterThan(15);
    for (const { table_name } of tables) {
      const n = await one<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table_name)} where organization_id = ${s.org.id}`);
      expect({ table_name, n: n?.n }).toEqual({ table_name, n: 0 });
    }
    expect((await one<{ n: number }>(sql`select count(*)::int as n from "user" where id in (${s.admin.id}, ${s.rep.id})`))?.n).toBe(0);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from engagement where organization_id = ${keep.org.id}`))?.n).toBe(0);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from contact where organization_id = ${keep.org.id}`))?.n).toBe(1);
  });
});
