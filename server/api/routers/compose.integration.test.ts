import crypto from 'node:crypto';
import { eq, sql as dsql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxes, outbox, organizationPolicies } from '@/db/schema';
import { testDb } from '@/test/db';
import { callerFor } from '@/test/trpc';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { orgWithMailbox, upload } from '@/test/send-helpers';

// Issue 6 composer and templates procedures against real Postgres: another organization's ids are
// NOT_FOUND everywhere (PRODUCT #20), and every kind of bad input gets a clear refusal with nothing queued.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();
afterAll(() => sql.end());

const nf = { code: 'NOT_FOUND' };
const count = async (orgId: string) => (await db.select({ n: dsql<number>`count(*)::int` }).from(outbox).where(eq(outbox.organizationId, orgId)))[0]!.n;

describe('compose and templates routers', () => {
  it('NOT_FOUND for another organization’s ids on every procedure', async () => {
    const a = await orgWithMailbox(db, info);
    const b = await orgWithMailbox(db, info);
    const bCaller = callerFor(db, b.rep.id);
    const tpl = await bCaller.templates.create({ name: 'B only', subject: 'Hi', bodyHtml: '<p>Hi</p>', shared: true });
    const sent = await bCaller.compose.send({ idempotencyKey: crypto.randomUUID(), mailboxId: b.mailboxId, contactId: b.contact.id, to: [`carla-${b.tag}@customer.test`], subject: 'x', html: '<p>x</p>' });
    const file = await upload(db, b.actor, 'b.pdf', Buffer.from('%PDF b'));

    const c = callerFor(db, a.rep.id);
    await expect(c.compose.context({ contactId: b.contact.id })).rejects.toMatchObject(nf);
    await expect(c.compose.context({ contactId: a.contact.id, replyTo: sent.engagementId })).rejects.toMatchObject(nf);
    const base = { idempotencyKey: crypto.randomUUID(), mailboxId: a.mailboxId, contactId: a.contact.id, to: [`carla-${a.tag}@customer.test`], subject: 'x', html: '<p>x</p>' };
    await expect(c.compose.send({ ...base, mailboxId: b.mailboxId })).rejects.toMatchObject(nf);
    await expect(c.compose.send({ ...base, contactId: b.contact.id })).rejects.toMatchObject(nf);
    await expect(c.compose.send({ ...base, replyToEngagementId: sent.engagementId })).rejects.toMatchObject(nf);
    await expect(c.compose.send({ ...base, attachmentIds: [file.id] })).rejects.toMatchObject(nf);
    await expect(c.compose.retry({ engagementId: sent.engagementId })).rejects.toMatchObject(nf);
    await expect(c.compose.preview({ contactId: b.contact.id, subject: 'x', bodyHtml: 'x' })).rejects.toMatchObject(nf);
    expect(await c.compose.status({ engagementIds: [sent.engagementId] })).toEqual([]);
    await expect(c.templates.get({ id: tpl.id })).rejects.toMatchObject(nf);
    await expect(c.templates.update({ id: tpl.id, name: 'x', subject: 'x', bodyHtml: 'x', shared: false })).rejects.toMatchObject(nf);
    await expect(c.templates.delete({ id: tpl.id })).rejects.toMatchObject(nf);
    await expect(c.templates.render({ id: tpl.id, contactId: a.contact.id })).rejects.toMatchObject(nf);
    await expect(callerFor(db, b.rep.id).templates.render({ id: tpl.id, contactId: a.contact.id })).rejects.toMatchObject(nf);
    expect((await c.templates.list()).map((t) => t.id)).not.toContain(tpl.id);
    expect((await c.compose.loggingAddress()).address.startsWith(`${a.org.loggingToken}@`)).toBe(true);
    expect(await count(a.org.id)).toBe(0);
  });

  it('templates: private vs shared, owner-only edits, merge preview with the real contact, unknown fields refused', async () => {
    const o = await orgWithMailbox(db, info);
    const rep = callerFor(db, o.rep.id);
    const admin = callerFor(db, o.admin.id);
    const mine = await rep.templates.create({ name: 'Private', subject: 'Hello {{contact.firstName}}', bodyHtml: '<p>Hi {{contact.firstName}} at {{contact.company | "your company"}}, {{sender.name}}</p>', shared: false });
    const shared = await rep.templates.create({ name: 'Shared', subject: 'S', bodyHtml: '<p>S</p>', shared: true });
    expect((await admin.templates.list()).map((t) => t.id)).toEqual([shared.id]);
    await expect(admin.templates.update({ id: shared.id, name: 'x', subject: 'x', bodyHtml: 'x', shared: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const r = await rep.templates.render({ id: mine.id, contactId: o.contact.id });
    expect(r.subject).toBe('Hello Carla');
    expect(r.bodyHtml).toBe('<p>Hi Carla at Acme, Rex Rep</p>');
    const err = await rep.templates.create({ name: 'Bad', subject: 'Hi {{contact.nickname}}', bodyHtml: '<p>x</p>', shared: false }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BAD_REQUEST' });
    expect((err as { message: string }).message).toContain('{{contact.nickname}}');
    await rep.templates.delete({ id: mine.id });
    expect((await rep.templates.list()).map((t) => t.id)).toEqual([shared.id]);
  });

  it('bad input gets a clear refusal and queues nothing', async () => {
    const o = await orgWithMailbox(db, info);
    const c = callerFor(db, o.rep.id);
    const base = { mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], subject: 'Hello', html: '<p>x</p>' };
    type Refusal = { code: string; message: string };
    const fail = (over: Partial<typeof base> & Record<string, unknown>): Promise<Refusal> =>
      c.compose.send({ ...base, idempotencyKey: crypto.randomUUID(), ...over }).then(() => ({ code: 'QUEUED', message: 'queued' }), (e: Refusal) => e);

    const injected = await fail({ subject: 'Hi\r\nBcc: victim@evil.test' });
    expect(injected).toMatchObject({ code: 'BAD_REQUEST' });
    expect(injected.message).toMatch(/line breaks/);
    expect(await fail({ to: ['carla@customer.test\r\nBcc: victim@evil.test'] })).toMatchObject({ code: 'BAD_REQUEST' });
    expect((await fail({ to: ['not-an-address'] })).message).toMatch(/@/);
    const many = await fail({ to: Array.from({ length: 10_000 }, (_, i) => `r${i}@customer.test`) });
    expect(many.message).toMatch(/Too many recipients: 10,000/);
    const unknown = await fail({ html: '<p>Hi {{contact.nickname}}</p>' });
    expect(unknown.message).toMatch(/Unknown merge field.*contact\.nickname/);
    const big = await upload(db, o.actor, 'big.bin', Buffer.alloc(1024));
    await db.execute(dsql`update attachment set size = ${30 * 1024 * 1024} where id = ${big.id}`);
    expect((await fail({ attachmentIds: [big.id] })).message).toMatch(/limit is 25 MB/);

    await db.update(mailboxes).set({ status: 'disconnected', statusReason: 'The password was changed.' }).where(eq(mailboxes.id, o.mailboxId));
    const disc = await fail({});
    expect(disc).toMatchObject({ code: 'CONFLICT' });
    expect(disc.message).toMatch(/disconnected: The password was changed\..*Reconnect/);
    expect(await count(o.org.id)).toBe(0);
  });

  it('the send cap refuses the next send with a clear message and queues nothing', async () => {
    const o = await orgWithMailbox(db, info);
    await db.update(organizationPolicies).set({ sendLimitPerMinute: 2 }).where(eq(organizationPolicies.organizationId, o.org.id));
    const c = callerFor(db, o.rep.id);
    const send = () => c.compose.send({ idempotencyKey: crypto.randomUUID(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], subject: 'Cap', html: '<p>x</p>' });
    await send();
    await send();
    const err = await send().catch((e: { code: string; message: string }) => e);
    expect(err).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect((err as { message: string }).message).toMatch(/can send 2 emails per minute\. You can send again in/);
    expect(await count(o.org.id)).toBe(2);
    // The mailbox's own daily cap applies too.
    await db.update(mailboxes).set({ sendLimitPerDay: 2 }).where(eq(mailboxes.id, o.mailboxId));
    await db.update(organizationPolicies).set({ sendLimitPerMinute: 100 }).where(eq(organizationPolicies.organizationId, o.org.id));
    expect((await send().then(() => ({ message: 'queued' }), (e: Error) => e)).message).toMatch(/limit of 2 emails per 24 hours/);
    expect(await count(o.org.id)).toBe(2);
  });
});
