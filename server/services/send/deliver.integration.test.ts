import crypto from 'node:crypto';
import { eq, sql as dsql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { engagements, outbox, trackedMessageIds } from '@/db/schema';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { catchAll, messagesById, orgWithMailbox, upload } from '@/test/send-helpers';
import { setAutoFileSent } from '@/scripts/mail-world/helpers';
import { queueEmail } from './compose';
import { deliverOutbox } from './deliver';

// Issue 6 / PRODUCT #10 against real Postgres and real Dovecot + SMTP: one delivery, one sent copy, in
// every sent-folder flavour, with the Gmail/Office 365 auto-filing behaviour, and idempotent queueing.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();
afterAll(() => sql.end());

const key = () => crypto.randomUUID();

describe('send from the CRM', () => {
  it('delivers exactly one message with the right headers and attachment, and files exactly one copy in \\Sent', async () => {
    const o = await orgWithMailbox(db, info, 'special-use');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(40_000)]);
    const file = await upload(db, o.actor, 'quote.pdf', pdf);
    const to = `carla-${o.tag}@customer.test`;
    const q = await queueEmail(db, o.actor, {
      idempotencyKey: key(),
      mailboxId: o.mailboxId,
      contactId: o.contact.id,
      to: [to],
      cc: [],
      bcc: [],
      subject: 'Quote for {{contact.company}}',
      html: '<p>Hi {{contact.firstName}},</p><p>Here is the <b>quote</b>.</p>',
      attachmentIds: [file.id],
    });
    expect(q.status).toBe('queued');
    const [eng] = await db.select().from(engagements).where(eq(engagements.id, q.engagementId));
    expect(eng).toMatchObject({ kind: 'sent_from_timeline', status: 'queued', contactId: o.contact.id, subject: 'Quote for Acme', references: null, inReplyTo: null });
    const [tracked] = await db.select().from(trackedMessageIds).where(eq(trackedMessageIds.messageId, q.messageId));
    expect(tracked).toMatchObject({ source: 'sent', threadId: eng!.threadId });
    expect(q.messageId.endsWith(`@${o.org.domain}`)).toBe(true);

    const outcome = await deliverOutbox({ db }, q.outboxId);
    expect(outcome).toEqual({ status: 'sent', resent: true, sentCopy: 'appended' });
    // A second run of the same job is a no-op.
    expect(await deliverOutbox({ db }, q.outboxId)).toEqual({ status: 'skipped' });

    const received = await messagesById(info, catchAll(info), 'INBOX', q.messageId);
    expect(received).toHaveLength(1);
    const raw = received[0]!;
    expect(raw).toContain(`X-Original-To: ${to}`);
    expect(raw).toMatch(new RegExp(`^Message-ID: <${q.messageId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`, 'mi'));
    expect(raw).toMatch(/^Subject: Quote for Acme/m);
    expect(raw).toMatch(new RegExp(`^From: Rex Rep <${o.user.email}>`, 'm'));
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(raw).toMatch(/filename=quote\.pdf/);
    expect(raw.replace(/\r?\n/g, '')).toContain(pdf.toString('base64').slice(0, 200));
    expect(raw).not.toMatch(/^In-Reply-To:/m);
    expect(raw).not.toMatch(/^References:/m);

    const sent = await messagesById(info, o.user, 'Sent', q.messageId);
    expect(sent).toHaveLength(1);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, q.outboxId));
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row!.sentFolderCopiedAt).not.toBeNull();
    const [after] = await db.select({ status: engagements.status }).from(engagements).where(eq(engagements.id, q.engagementId));
    expect(after!.status).toBe('sent');
  });

  it('files the copy in "Sent Items" on a server without SPECIAL-USE', async () => {
    const o = await orgWithMailbox(db, info, 'no-special-use');
    expect(o.sentFolder).toBe('Sent Items');
    const q = await queueEmail(db, o.actor, { idempotencyKey: key(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject: 'No special-use', html: '<p>Hello</p>', attachmentIds: [] });
    expect(await deliverOutbox({ db }, q.outboxId)).toMatchObject({ status: 'sent', sentCopy: 'appended' });
    expect(await messagesById(info, o.user, 'Sent Items', q.messageId)).toHaveLength(1);
    expect(await messagesById(info, o.user, 'Sent', q.messageId)).toHaveLength(0);
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);
  });

  it('does not append a second copy when the provider files SMTP-sent mail itself (Gmail/Office 365)', async () => {
    const o = await orgWithMailbox(db, info, 'special-use');
    await setAutoFileSent(info, { email: o.user.email, enabled: true });
    const q = await queueEmail(db, o.actor, { idempotencyKey: key(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject: 'Auto-filed', html: '<p>Hello</p>', attachmentIds: [] });
    expect(await deliverOutbox({ db }, q.outboxId)).toMatchObject({ status: 'sent', sentCopy: 'already-present' });
    expect(await messagesById(info, o.user, 'Sent', q.messageId)).toHaveLength(1);
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);
  });

  it('reusing an idempotency key returns the same outbox row and queues nothing new', async () => {
    const o = await orgWithMailbox(db, info);
    const input = { idempotencyKey: key(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject: 'Once', html: '<p>Once</p>', attachmentIds: [] };
    const first = await queueEmail(db, o.actor, input);
    const again = await queueEmail(db, o.actor, { ...input, subject: 'Changed on the second click' });
    expect(again).toMatchObject({ outboxId: first.outboxId, engagementId: first.engagementId, messageId: first.messageId, reused: true });
    const [n] = await db.select({ n: dsql<number>`count(*)::int` }).from(outbox).where(eq(outbox.organizationId, o.org.id));
    expect(n!.n).toBe(1);
    const [e] = await db.select({ n: dsql<number>`count(*)::int` }).from(engagements).where(eq(engagements.organizationId, o.org.id));
    expect(e!.n).toBe(1);
  });

  it('a reply keeps In-Reply-To and References (root + newest, trimmed) and the thread', async () => {
    const o = await orgWithMailbox(db, info);
    const base = { mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], html: '<p>x</p>', attachmentIds: [] };
    const first = await queueEmail(db, o.actor, { ...base, idempotencyKey: key(), subject: 'Original' });
    // Give the parent a long history so trimming shows.
    const history = Array.from({ length: 40 }, (_, i) => `old-${i}@history.test`);
    await db.update(engagements).set({ references: history }).where(eq(engagements.id, first.engagementId));
    const reply = await queueEmail(db, o.actor, { ...base, idempotencyKey: key(), subject: 'Re: Original', replyToEngagementId: first.engagementId });
    const [r] = await db.select().from(engagements).where(eq(engagements.id, reply.engagementId));
    const [p] = await db.select().from(engagements).where(eq(engagements.id, first.engagementId));
    expect(r!.threadId).toBe(p!.threadId);
    expect(r!.inReplyTo).toBe(first.messageId);
    expect(r!.references![0]).toBe('old-0@history.test');
    expect(r!.references!.at(-1)).toBe(first.messageId);
    expect(r!.references!.length).toBeLessThanOrEqual(20);
    expect(await deliverOutbox({ db }, reply.outboxId)).toMatchObject({ status: 'sent' });
    const [raw] = await messagesById(info, catchAll(info), 'INBOX', reply.messageId);
    expect(raw).toMatch(new RegExp(`^In-Reply-To: <${first.messageId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`, 'm'));
    expect(raw).toMatch(/^References: <old-0@history\.test>/m);
    // A new email to the same contact afterwards carries no old references (PRODUCT #11).
    const fresh = await queueEmail(db, o.actor, { ...base, idempotencyKey: key(), subject: 'Something else' });
    const [f] = await db.select().from(engagements).where(eq(engagements.id, fresh.engagementId));
    expect(f).toMatchObject({ references: null, inReplyTo: null });
    expect(f!.threadId).not.toBe(p!.threadId);
  });
});
