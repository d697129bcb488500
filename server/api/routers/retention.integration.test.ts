import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { callerFor } from '@/test/trpc';
import { insertAttachment, insertEngagement, insertMessage, makeMailbox } from '@/server/services/retention/retention-fixtures';

// Every retention procedure through the tRPC caller: another organization's ids are NOT_FOUND (PRODUCT #20),
// admin-only procedures refuse reps.
const { db, sql: client } = testDb();
afterAll(() => client.end());

const count = async (q: ReturnType<typeof sql>) => Number(((await db.execute(q))[0] as { n: number } | undefined)?.n ?? 0);

describe('retention router', () => {
  it('deleteEngagement: a rep hides an entry at once; another organization gets NOT_FOUND', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const e = await insertEngagement(db, { organizationId: a.org.id, contactId: a.contact.id });
    await expect(callerFor(db, b.admin.id).retention.deleteEngagement({ id: e.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await callerFor(db, a.rep.id).retention.deleteEngagement({ id: e.id });
    expect(r.purgeAt!.getTime() - r.deletedAt.getTime()).toBe(90 * 86_400_000);
    expect(await count(sql`select count(*)::int as n from engagement where id = ${e.id} and deleted_at is not null`)).toBe(1);
  });

  it('restoreEngagement: brings a deleted entry back; another organization gets NOT_FOUND; a live one is NOT_FOUND', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const e = await insertEngagement(db, { organizationId: a.org.id, contactId: a.contact.id }, { deletedAt: new Date() });
    await expect(callerFor(db, b.rep.id).retention.restoreEngagement({ id: e.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await callerFor(db, a.rep.id).retention.restoreEngagement({ id: e.id });
    expect(await count(sql`select count(*)::int as n from engagement where id = ${e.id} and deleted_at is null`)).toBe(1);
    await expect(callerFor(db, a.rep.id).retention.restoreEngagement({ id: e.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('eraseAddress: admin only; erases in the caller’s organization only and reports counts', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const address = `erase-me-${a.tag}@customer.test`;
    for (const o of [a, b]) {
      const { mailbox, folder } = await makeMailbox(db, o.org, o.rep.id);
      const e = await insertEngagement(db, { organizationId: o.org.id, contactId: o.contact.id }, { cc: [address] });
      await insertAttachment(db, { organizationId: o.org.id, engagementId: e.id });
      await insertMessage(db, { organizationId: o.org.id, mailboxId: mailbox.id, folderId: folder.id }, { syncedAt: new Date(), from: address, references: ['<x@y.test>'] });
    }
    await expect(callerFor(db, a.rep.id).retention.eraseAddress({ address })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await callerFor(db, a.admin.id).retention.eraseAddress({ address });
    expect(r).toMatchObject({ engagements: 1, attachments: 1, blobs: 1, messages: 1, messageReferences: 1, newlySuppressed: true });
    const again = await callerFor(db, a.admin.id).retention.eraseAddress({ address });
    expect(again).toMatchObject({ engagements: 0, messages: 0, newlySuppressed: false });
    // Organization B's data about the same address is not A's to erase.
    expect(await count(sql`select count(*)::int as n from engagement where organization_id = ${b.org.id}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from message where organization_id = ${b.org.id}`)).toBe(1);
    // An address of one's own organization is refused with a field error.
    await expect(callerFor(db, a.admin.id).retention.eraseAddress({ address: a.rep.email })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('deleteContact: hides the timeline; erasing needs an admin; another organization gets NOT_FOUND', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    await insertEngagement(db, { organizationId: a.org.id, contactId: a.contact.id }, { from: `carla-${a.tag}@customer.test` });
    await expect(callerFor(db, b.admin.id).retention.deleteContact({ id: a.contact.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(db, a.rep.id).retention.deleteContact({ id: a.contact.id, eraseAddresses: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await callerFor(db, a.admin.id).retention.deleteContact({ id: a.contact.id, eraseAddresses: true });
    expect(r.erased).toMatchObject({ addresses: 2, contactEmails: 2, engagements: 1, contact: 1 });
    expect(await count(sql`select count(*)::int as n from contact where id = ${a.contact.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from suppressed_address where organization_id = ${a.org.id}`)).toBe(2);

    const c = await makeOrg(db);
    await insertEngagement(db, { organizationId: c.org.id, contactId: c.contact.id });
    const soft = await callerFor(db, c.rep.id).retention.deleteContact({ id: c.contact.id });
    expect(soft).toMatchObject({ hiddenEngagements: 1, erased: null });
    await expect(callerFor(db, c.rep.id).contacts.get({ id: c.contact.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('status: admin only; windows from the rules table and this organization’s counts of the last run', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    // The latest run of rule 16 (by its finish time) counted 42 rows in A and none in B.
    const T = new Date('2999-01-01T00:00:00Z');
    const [run] = await db.execute<{ id: string }>(sql`insert into retention_run (rule, started_at, finished_at, removed, details)
      values ('16', ${T.toISOString()}::timestamptz, ${T.toISOString()}::timestamptz, 50, ${JSON.stringify({ byOrg: { [a.org.id]: 42 } })}::jsonb) returning id`);
    await expect(callerFor(db, a.rep.id).retention.status()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const sa = await callerFor(db, a.admin.id).retention.status();
    const sb = await callerFor(db, b.admin.id).retention.status();
    await db.execute(sql`delete from retention_run where id = ${run!.id}`);
    expect(sa.rules.map((r) => [r.rule, r.windowDays])).toEqual([[13, null], [14, 90], [15, 90], [16, 7], [17, 60]]);
    expect(sa.rules.find((r) => r.rule === 16)!.lastRun).toEqual({ finishedAt: T, removed: 42 });
    expect(sa.rules.find((r) => r.rule === 13)!.lastRun).toBeNull();
    expect(sb.rules.find((r) => r.rule === 16)!.lastRun).toEqual({ finishedAt: T, removed: 0 });
  });
});
