import crypto from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { deliverRaw, replyAs } from '@/scripts/mail-world/helpers';
import { readBlobBuffer } from '@/server/adapters/blob-store-pg';
import { makeSyncMailbox, testOpener, testSyncDeps, trackSentMessage } from './sync-test-kit';
import { syncMailboxPass } from './sync-mailbox';

const { db, sql: client } = testDb();
const deps = testSyncDeps(db);
afterAll(async () => {
  await deps.parser.close();
  await client.end();
});

async function syncOnce(orgId: string, mailboxId: string) {
  const source = await testOpener(db, mailWorld())(orgId, mailboxId);
  try {
    return await syncMailboxPass(deps, source, mailboxId, { checkPending: true });
  } finally {
    await source.close();
  }
}

const engagementsOf = (orgId: string) =>
  client<{ id: string; contact_id: string; body_text: string | null; subject: string; attachments_skipped_reason: string | null; match_reason: { via: string; matchedId: string }; direction: string; kind: string }[]>`
    select id, contact_id, body_text, subject, attachments_skipped_reason, match_reason, direction, kind from engagement where organization_id = ${orgId}`;

describe('sync: replies to CRM-sent email are logged (PRODUCT #6, #7, #8, #9)', () => {
  it('a contact reply with an attachment becomes an engagement with body and attachment; replies to the reply match too', async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    const sentId = `crm-${crypto.randomUUID()}@${t.tag}.example.test`;
    const threadId = await trackSentMessage(db, t.org.id, sentId, 'Proposal for Acme');
    const contactAddress = `carla-${t.tag}@customer.test`;
    const pdf = crypto.randomBytes(40_000);
    const reply = await replyAs(info, {
      fromEmail: contactAddress,
      fromName: 'Carla Contact',
      toMailbox: t.mail.email,
      original: { messageId: `<${sentId}>`, subject: 'Proposal for Acme' },
      text: 'Looks good, signed copy attached.',
      attachments: [{ filename: 'signed.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    await syncOnce(t.org.id, t.mailboxId);

    const rows = await engagementsOf(t.org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contact_id: t.contact.id, kind: 'logged_reply', direction: 'inbound', subject: 'Re: Proposal for Acme', attachments_skipped_reason: null });
    expect(rows[0]?.body_text).toContain('signed copy attached');
    expect(rows[0]?.match_reason).toMatchObject({ via: 'in-reply-to', matchedId: sentId });
    const atts = await client<{ blob_id: string; filename: string; size: number }[]>`select blob_id, filename, size from attachment where engagement_id = ${rows[0]!.id}`;
    expect(atts).toHaveLength(1);
    expect(atts[0]?.filename).toBe('signed.pdf');
    expect((await readBlobBuffer(db, t.org.id, atts[0]!.blob_id)).equals(pdf)).toBe(true);
    const [msg] = await client<{ thread_id: string; body_text: string | null; body_expires_at: Date | null }[]>`
      select thread_id, body_text, body_expires_at from message where organization_id = ${t.org.id} and message_id = ${reply.messageId.slice(1, -1)}`;
    expect(msg?.thread_id).toBe(threadId);
    expect(msg?.body_expires_at).not.toBeNull();

    // The contact's colleague replies to the reply (References: sent, reply): matched through the reply's tracked id.
    await replyAs(info, { fromEmail: `c.contact-${t.tag}@customer.test`, toMailbox: t.mail.email, original: { messageId: reply.messageId, subject: 'Re: Proposal for Acme', references: [`<${sentId}>`] }, text: 'second address, same contact' });
    await syncOnce(t.org.id, t.mailboxId);
    expect(await engagementsOf(t.org.id)).toHaveLength(2);
  });

  it('a reply with a 60 MB attachment is logged without attachments and says why', async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    const sentId = `crm-${crypto.randomUUID()}@${t.tag}.example.test`;
    await trackSentMessage(db, t.org.id, sentId, 'Big files');
    await replyAs(info, {
      fromEmail: `carla-${t.tag}@customer.test`,
      toMailbox: t.mail.email,
      original: { messageId: `<${sentId}>`, subject: 'Big files' },
      text: 'Here is the video.',
      attachments: [{ filename: 'video.bin', content: Buffer.alloc(60 * 1024 * 1024, 7), contentType: 'application/octet-stream' }],
    });
    await syncOnce(t.org.id, t.mailboxId);
    const rows = await engagementsOf(t.org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.body_text).toContain('Here is the video.');
    expect(rows[0]?.attachments_skipped_reason).toMatch(/50 MB/);
    const atts = await client`select 1 from attachment where organization_id = ${t.org.id}`;
    expect(atts).toHaveLength(0);
  });

  it('with attachment logging turned off by an admin no attachment is stored and the reason is recorded', async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    await client`update organization_policy set attachment_logging_enabled = false where organization_id = ${t.org.id}`;
    const sentId = `crm-${crypto.randomUUID()}@${t.tag}.example.test`;
    await trackSentMessage(db, t.org.id, sentId, 'Policy');
    await replyAs(info, { fromEmail: `carla-${t.tag}@customer.test`, toMailbox: t.mail.email, original: { messageId: `<${sentId}>`, subject: 'Policy' }, text: 'attached', attachments: [{ filename: 'a.txt', content: 'hello' }] });
    await syncOnce(t.org.id, t.mailboxId);
    const rows = await engagementsOf(t.org.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.attachments_skipped_reason).toMatch(/turned off/);
    expect(await client`select 1 from attachment where organization_id = ${t.org.id}`).toHaveLength(0);
    expect(await client`select 1 from blob where organization_id = ${t.org.id}`).toHaveLength(0);
  });

  it('a message that is not a reply to CRM mail keeps metadata only: no body, no engagement, a recorded reason', async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    const id = `${crypto.randomUUID()}@customer.test`;
    await deliverRaw(info, t.mail.email, 'INBOX', `From: Carla <carla-${t.tag}@customer.test>\nTo: ${t.mail.email}\nSubject: Lunch?\nMessage-ID: <${id}>\nIn-Reply-To: <unknown-${id}>\nDate: ${new Date().toUTCString()}\n\nSecret lunch plans\n`);
    await syncOnce(t.org.id, t.mailboxId);
    const [m] = await client<{ body_text: string | null; body_html: string | null; subject: string; from_address: string; match_decision: { matched: boolean; reason: string; captureReason: string } }[]>`
      select body_text, body_html, subject, from_address, match_decision from message where organization_id = ${t.org.id} and message_id = ${id}`;
    expect(m).toMatchObject({ body_text: null, body_html: null, subject: 'Lunch?', from_address: `carla-${t.tag}@customer.test` });
    expect(m?.match_decision).toMatchObject({ matched: false, reason: 'references-not-tracked', captureReason: 'not-a-crm-thread' });
    expect(await engagementsOf(t.org.id)).toHaveLength(0);
  });
});
