import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { mailboxes, mailboxFolders } from '@/db/schema';
import { copyInsertMessages, type MessageCopyRow } from './copy-messages';

// The COPY writer against real Postgres: fresh batches go straight in, re-runs and overlaps insert
// nothing twice, and a batch that hits the unique key mid-COPY falls back to ON CONFLICT (issue 5).

const { db, sql } = testDb();
afterAll(() => sql.end());

async function folder() {
  const o = await makeOrg(db, 'Copy Org');
  const [mb] = await db
    .insert(mailboxes)
    .values({
      organizationId: o.org.id,
      ownerUserId: o.rep.id,
      kind: 'imap',
      emailAddress: `rep-${o.tag}@x.test`,
      status: 'connected',
      ...{ imapHost: '127.0.0.1', imapPort: 1, imapSecurity: 'none', smtpHost: '127.0.0.1', smtpPort: 1, smtpSecurity: 'none' } as const,
      username: `rep-${o.tag}@x.test`,
    })
    .returning({ id: mailboxes.id });
  const [f] = await db
    .insert(mailboxFolders)
    .values({ organizationId: o.org.id, mailboxId: mb!.id, path: 'INBOX', role: 'inbox', uidValidity: 7n })
    .returning({ id: mailboxFolders.id });
  return { orgId: o.org.id, mailboxId: mb!.id, folderId: f!.id };
}

function row(ids: Awaited<ReturnType<typeof folder>>, uid: number, over: Partial<MessageCopyRow> = {}): MessageCopyRow {
  return {
    organization_id: ids.orgId,
    mailbox_id: ids.mailboxId,
    folder_id: ids.folderId,
    uid_validity: 7n,
    uid,
    message_id: `<m${uid}@x.test>`,
    in_reply_to: null,
    references: [],
    thread_index: null,
    subject: `Tab\there, line\nbreak, back\\slash ${uid}`,
    from_address: 'a@x.test',
    from_name: 'Ann "Quote"',
    to_addresses: [{ address: 'b@x.test', name: 'B\u0000' }],
    cc_addresses: [],
    sent_at: '2026-11-01T10:00:00.000Z',
    internal_date: null,
    size: 1234,
    flags: ['\\Seen', 'with"quote'],
    modseq: 9n,
    thread_id: null,
    classification: 'normal',
    match_decision: { matched: false, reason: 'no-reference' },
    ...over,
  };
}

const stored = async (folderId: string) =>
  sql<{ uid: string; subject: string; from_name: string; flags: string[]; to_addresses: unknown }[]>`
    select uid, subject, from_name, flags, to_addresses from message where folder_id = ${folderId} order by uid`;

describe('copyInsertMessages', () => {
  it('stores a fresh batch exactly, escapes included, and a re-run inserts nothing', async () => {
    const ids = await folder();
    const rows = [1, 2, 3].map((u) => row(ids, u));
    expect((await copyInsertMessages(sql, rows)).inserted).toBe(3);
    const got = await stored(ids.folderId);
    expect(got.map((r) => Number(r.uid))).toEqual([1, 2, 3]);
    expect(got[0]).toMatchObject({ subject: 'Tab\there, line\nbreak, back\\slash 1', from_name: 'Ann "Quote"', flags: ['\\Seen', 'with"quote'] });
    expect(got[0]!.to_addresses).toEqual([{ address: 'b@x.test', name: 'B' }]);
    expect((await copyInsertMessages(sql, rows)).inserted).toBe(0);
    expect(await stored(ids.folderId)).toHaveLength(3);
  });

  it('an overlapping batch inserts only the UIDs not yet stored', async () => {
    const ids = await folder();
    await copyInsertMessages(sql, [2, 4].map((u) => row(ids, u)));
    const res = await copyInsertMessages(sql, [1, 2, 3, 4, 5].map((u) => row(ids, u)));
    expect(res.inserted).toBe(3);
    expect((await stored(ids.folderId)).map((r) => Number(r.uid))).toEqual([1, 2, 3, 4, 5]);
  });

  it('a unique-key clash during the COPY takes the ON CONFLICT path and keeps one row per UID', async () => {
    const ids = await folder();
    // The same UID twice in one batch stands in for a racing writer: the direct COPY must fail on it.
    const res = await copyInsertMessages(sql, [row(ids, 10), row(ids, 11), row(ids, 10, { subject: 'second copy' })]);
    expect(res.inserted).toBe(2);
    const got = await stored(ids.folderId);
    expect(got.map((r) => Number(r.uid))).toEqual([10, 11]);
  });

  it('returns the CRM-thread rows with their references, for the reference index', async () => {
    const ids = await folder();
    const [t] = await sql<{ id: string }[]>`insert into thread (organization_id, subject) values (${ids.orgId}, 'T') returning id`;
    const res = await copyInsertMessages(sql, [row(ids, 1), row(ids, 2, { thread_id: t!.id, references: ['<a@x>', '<b@x>'] })]);
    expect(res.threadRows).toHaveLength(1);
    expect(res.threadRows[0]).toMatchObject({ thread_id: t!.id, references: ['<a@x>', '<b@x>'] });
  });
});
