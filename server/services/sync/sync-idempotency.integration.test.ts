import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { changeUidValidity, deliverRaw, imapFor, replyAs } from '@/scripts/mail-world/helpers';
import { generateMessages } from '@/scripts/mail-world/generator';
import { createFaultProxy } from '@/scripts/mail-world/fault-proxy';
import { DEFAULT_PARSE_LIMITS, MimeParser } from '@/server/adapters/mime-parse';
import { makeSyncMailbox, testOpener, testSyncDeps, trackSentMessage } from './sync-test-kit';
import { syncMailboxPass } from './sync-mailbox';
import type { SyncDeps } from './sync-folder';

const { db, sql: client } = testDb();
const deps = testSyncDeps(db);
afterAll(async () => {
  await deps.parser.close();
  await client.end();
});

async function syncOnce(orgId: string, mailboxId: string, d: SyncDeps = deps, extraPorts: number[] = []) {
  const source = await testOpener(db, mailWorld(), extraPorts)(orgId, mailboxId);
  try {
    return await syncMailboxPass(d, source, mailboxId, { checkPending: true });
  } finally {
    await source.close();
  }
}

const count = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? -1;
const engagements = (orgId: string) => count(client<{ n: number }[]>`select count(*)::int as n from engagement where organization_id = ${orgId}`);
const messages = (mailboxId: string) => count(client<{ n: number }[]>`select count(*)::int as n from message where mailbox_id = ${mailboxId} and vanished_at is null`);

async function setupReply() {
  const info = mailWorld();
  const t = await makeSyncMailbox(db, info);
  const sentId = `crm-${crypto.randomUUID()}@${t.tag}.example.test`;
  await trackSentMessage(db, t.org.id, sentId, 'Renewal');
  const reply = await replyAs(info, { fromEmail: `carla-${t.tag}@customer.test`, toMailbox: t.mail.email, original: { messageId: `<${sentId}>`, subject: 'Renewal' }, text: 'yes please' });
  return { info, t, sentId, reply };
}

describe('exactly one engagement, whatever happens (issue 5 "Done when")', () => {
  it('the same message delivered twice, then re-synced: two message rows, one engagement', async () => {
    const { info, t, reply } = await setupReply();
    await deliverRaw(info, t.mail.email, 'INBOX', reply.raw);
    await syncOnce(t.org.id, t.mailboxId);
    await syncOnce(t.org.id, t.mailboxId);
    expect(await engagements(t.org.id)).toBe(1);
    expect(await messages(t.mailboxId)).toBe(2);
  });

  it('a UIDVALIDITY change rebuilds the folder without a single duplicate', async () => {
    const { info, t } = await setupReply();
    await deliverRaw(info, t.mail.email, 'INBOX', `From: x@y.test\nTo: ${t.mail.email}\nSubject: other\nMessage-ID: <o-${t.tag}@y.test>\nDate: ${new Date().toUTCString()}\n\nbody\n`);
    await syncOnce(t.org.id, t.mailboxId);
    const [before] = await client<{ uid_validity: bigint }[]>`select uid_validity from mailbox_folder where mailbox_id = ${t.mailboxId} and path = 'INBOX'`;
    const changed = await changeUidValidity(info, t.mail.email, 'INBOX');
    await syncOnce(t.org.id, t.mailboxId);
    const [after] = await client<{ uid_validity: bigint; stage: string }[]>`select uid_validity, stage from mailbox_folder where mailbox_id = ${t.mailboxId} and path = 'INBOX'`;
    expect(before?.uid_validity).toBe(BigInt(changed.before));
    expect(after).toMatchObject({ uid_validity: BigInt(changed.after), stage: 'incremental' });
    expect(await messages(t.mailboxId)).toBe(2);
    expect(await engagements(t.org.id)).toBe(1);
    const events = await client`select 1 from mailbox_event where mailbox_id = ${t.mailboxId} and kind = 'folder-rebuild'`;
    expect(events).toHaveLength(1);
  });

  it('a connection cut mid-FETCH: the next pass finishes the job with no row or engagement doubled', async () => {
    const info = mailWorld();
    const t0 = await makeSyncMailbox(db, info);
    const proxy = await createFaultProxy({ targetPort: imapFor(info, t0.mail.email).plainPort });
    try {
      await client`update mailbox set imap_port = ${proxy.port} where id = ${t0.mailboxId}`;
      const sentId = `crm-${crypto.randomUUID()}@${t0.tag}.example.test`;
      await trackSentMessage(db, t0.org.id, sentId, 'Cut');
      await generateMessages(info, t0.mail.email, 'INBOX', 400, { days: 20, seed: 7 });
      await replyAs(info, { fromEmail: `carla-${t0.tag}@customer.test`, toMailbox: t0.mail.email, original: { messageId: `<${sentId}>`, subject: 'Cut' }, text: 'after the cut' });
      proxy.cutAfterBytes(60_000);
      const small = testSyncDeps(db, { uidsPerFetch: 1000, batchSize: 50 });
      await expect(syncOnce(t0.org.id, t0.mailboxId, small, [proxy.port])).rejects.toBeTruthy();
      expect(await messages(t0.mailboxId)).toBeLessThan(401);
      proxy.cutAfterBytes(Number.MAX_SAFE_INTEGER);
      await syncOnce(t0.org.id, t0.mailboxId, small, [proxy.port]);
      await syncOnce(t0.org.id, t0.mailboxId, small, [proxy.port]);
      await small.parser.close();
      expect(await messages(t0.mailboxId)).toBe(401);
      expect(await engagements(t0.org.id)).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('a message whose body keeps failing is quarantined after three tries with its reason, and the cursor moves on', async () => {
    const { t } = await setupReply();
    // A parser that always times out stands in for a message that hangs the parser.
    const hanging = { ...deps, parser: new MimeParser({ ...DEFAULT_PARSE_LIMITS, timeoutMs: 1 }) };
    for (let i = 0; i < 3; i++) await syncOnce(t.org.id, t.mailboxId, hanging);
    await hanging.parser.close();
    const [m] = await client<{ failure_count: number; quarantine_reason: string | null }[]>`
      select failure_count, quarantine_reason from message where mailbox_id = ${t.mailboxId}`;
    expect(m).toMatchObject({ failure_count: 3 });
    expect(m?.quarantine_reason).toMatch(/timeout/);
    const [f] = await client<{ last_uid: number; stage: string }[]>`select last_uid::int, stage from mailbox_folder where mailbox_id = ${t.mailboxId} and path = 'INBOX'`;
    expect(f).toMatchObject({ last_uid: 1, stage: 'incremental' });
    expect(await client`select 1 from mailbox_event where mailbox_id = ${t.mailboxId} and kind = 'message-quarantined'`).toHaveLength(1);
    // A healthy parser later does not resurrect it: quarantined stays quarantined.
    await syncOnce(t.org.id, t.mailboxId);
    expect(await engagements(t.org.id)).toBe(0);
  });
});
