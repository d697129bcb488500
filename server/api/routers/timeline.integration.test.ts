import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { callerFor } from '@/test/trpc';
import { getDownloadableAttachment } from '@/db/queries/timeline';
import { createThread, insertEngagement, seedConversation } from '@/e2e/support/timeline-seed';

const { db, sql: pg } = testDb();
afterAll(() => pg.end());

type Org = Awaited<ReturnType<typeof makeOrg>>;
const REMOTE = 'https://images.remote.example/chart.png';

async function setup() {
  const o = await makeOrg(db);
  const contactEmail = `carla-${o.tag}@customer.test`;
  const conv = await seedConversation(db, {
    organizationId: o.org.id, contactId: o.contact.id, contactEmail, contactName: 'Carla Contact', repEmail: o.rep.email!, repName: 'Rex Rep', repUserId: o.rep.id, remoteImageUrl: REMOTE, base: new Date('2026-11-02T09:00:00Z'),
  });
  return { ...o, conv, contactEmail };
}

describe('timeline router (issue 7)', () => {
  let a: Org & { conv: Awaited<ReturnType<typeof seedConversation>>; contactEmail: string };
  let b: Org;
  beforeAll(async () => {
    a = await setup();
    b = await makeOrg(db, 'Other Org');
  });

  it('lists newest first with thread sizes, attachment chips and status', async () => {
    const page = await callerFor(db, a.rep.id).timeline.list({ contactId: a.contact.id });
    expect(page.items.map((i) => i.id)).toEqual([a.conv.replyId, a.conv.autoReplyId, a.conv.sentId, a.conv.otherId]);
    const reply = page.items[0]!;
    expect(reply.threadSize).toBe(3);
    expect(reply.attachments.map((x) => [x.filename, x.isInline])).toEqual([['logo.png', true], ['signed-order-form.pdf', false]]);
    expect(page.items[1]!.classification).toBe('auto_reply');
    expect(page.nextCursor).toBeNull();
  });

  it('paginates by keyset without repeating or skipping (same timestamps included)', async () => {
    const o = await makeOrg(db);
    const t = await createThread(db, o.org.id, 'Many');
    const when = new Date('2026-10-01T00:00:00Z');
    for (let i = 0; i < 7; i++) {
      await insertEngagement(db, { organizationId: o.org.id, contactId: o.contact.id, threadId: t, direction: 'inbound', subject: `n${i}`, from: { address: 'x@customer.test' }, to: [], occurredAt: i < 4 ? when : new Date(when.getTime() + i * 1000) });
    }
    const c = callerFor(db, o.rep.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 5; guard++) {
      const p = await c.timeline.list({ contactId: o.contact.id, limit: 3, cursor });
      seen.push(...p.items.map((i) => i.id));
      if (!p.nextCursor) break;
      cursor = p.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('filters emails only (no auto-replies), with attachments, and full-text search', async () => {
    const c = callerFor(db, a.rep.id);
    expect((await c.timeline.list({ contactId: a.contact.id, filter: 'emails' })).items.map((i) => i.id)).not.toContain(a.conv.autoReplyId);
    expect((await c.timeline.list({ contactId: a.contact.id, filter: 'attachments' })).items.map((i) => i.id)).toEqual([a.conv.replyId]);
    expect((await c.timeline.list({ contactId: a.contact.id, search: 'conference' })).items.map((i) => i.id)).toEqual([a.conv.otherId]);
    expect((await c.timeline.list({ contactId: a.contact.id, search: 'office' })).items.map((i) => i.id)).toEqual([a.conv.autoReplyId]);
  });

  it('shows a conversation oldest first', async () => {
    const thread = await callerFor(db, a.rep.id).timeline.thread({ contactId: a.contact.id, threadId: a.conv.threadId });
    expect(thread.map((e) => e.id)).toEqual([a.conv.sentId, a.conv.autoReplyId, a.conv.replyId]);
  });

  it('renders plain text by default and sanitised HTML in a CSP document on request', async () => {
    const c = callerFor(db, a.rep.id);
    const text = await c.timeline.body({ engagementId: a.conv.replyId });
    expect(text.mode).toBe('text');
    const html = await c.timeline.body({ engagementId: a.conv.replyId, mode: 'html' });
    if (html.mode !== 'html') throw new Error('expected html');
    expect(html.srcdoc).toContain("default-src 'none'");
    expect(html.srcdoc).not.toContain(REMOTE);
    expect(html.blockedImages).toBe(1);
    expect(html.srcdoc).toMatch(/\/api\/attachments\/[0-9a-f-]{36}\?inline=1&amp;o=/);
    expect(html.srcdoc).toContain('<summary>Show quoted text</summary>');
    const loaded = await c.timeline.body({ engagementId: a.conv.replyId, mode: 'html', loadImages: true });
    expect(loaded.mode === 'html' && loaded.srcdoc.includes(REMOTE)).toBe(true);
  });

  it('shows HTML by default when the organization trusts it', async () => {
    const o = await setup();
    await db.execute(sql`update organization_policy set trust_html = true where organization_id = ${o.org.id}`);
    expect((await callerFor(db, o.rep.id).timeline.body({ engagementId: o.conv.replyId })).mode).toBe('html');
  });

  it('explains why an email is here', async () => {
    const why = await callerFor(db, a.rep.id).timeline.why({ engagementId: a.conv.replyId });
    expect(why.summary).toContain('In-Reply-To');
    expect(why.details).toContainEqual({ label: 'CRM message id', value: `<${a.conv.sentMessageId}>` });
    const sent = await callerFor(db, a.rep.id).timeline.why({ engagementId: a.conv.sentId });
    expect(sent.summary).toBe('Sent from the CRM by Rex Rep.');
  });

  it('hides deleted engagements at once and shows a placeholder for removed bodies', async () => {
    const o = await setup();
    const c = callerFor(db, o.rep.id);
    await db.execute(sql`update engagement set deleted_at = now() where id = ${o.conv.otherId}`);
    await db.execute(sql`update engagement set body_text = null, body_html = null, body_removed_reason = 'Erased at the contact''s request.' where id = ${o.conv.sentId}`);
    expect((await c.timeline.list({ contactId: o.contact.id })).items.map((i) => i.id)).not.toContain(o.conv.otherId);
    expect(await c.timeline.body({ engagementId: o.conv.sentId })).toEqual({ mode: 'removed', reason: "Erased at the contact's request.", hasHtml: false });
    await expect(c.timeline.body({ engagementId: o.conv.otherId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies never-log domains (subdomains included) to past mail, and restores on removal', async () => {
    const o = await setup();
    const admin = callerFor(db, o.admin.id);
    const before = (await admin.timeline.list({ contactId: o.contact.id })).items.length;
    const rule = await admin.policy.addRule({ scope: 'organization', kind: 'domain', value: '@Customer.test' });
    expect(rule.value).toBe('customer.test');
    expect(rule.hiddenNow).toBe(before);
    expect((await admin.timeline.list({ contactId: o.contact.id })).items).toHaveLength(0);
    expect(await admin.timeline.attachments({ contactId: o.contact.id })).toHaveLength(0);
    await admin.policy.removeRule({ ruleId: rule.id });
    expect((await admin.timeline.list({ contactId: o.contact.id })).items).toHaveLength(before);
    // A subdomain rule does not cover the parent, but a parent rule covers the subdomain (procurement cc).
    const sub = await admin.policy.addRule({ scope: 'organization', kind: 'domain', value: 'kyotorobotics.example' });
    expect((await admin.timeline.list({ contactId: o.contact.id })).items.map((i) => i.id)).not.toContain(o.conv.replyId);
    await admin.policy.removeRule({ ruleId: sub.id });
  });

  it('a personal rule covers only its owner’s mail', async () => {
    const o = await setup();
    const rep = callerFor(db, o.rep.id);
    await rep.policy.addRule({ scope: 'personal', kind: 'address', value: o.contactEmail.toUpperCase() });
    const ids = (await rep.timeline.list({ contactId: o.contact.id })).items.map((i) => i.id);
    // Only the rep's own sent email is hidden; replies logged from no mailbox of theirs stay.
    expect(ids).not.toContain(o.conv.sentId);
    expect(ids).toContain(o.conv.replyId);
  });

  it('lists the contact attachments section without inline parts', async () => {
    const list = await callerFor(db, a.rep.id).timeline.attachments({ contactId: a.contact.id });
    expect(list.map((x) => [x.filename, x.subject])).toEqual([['signed-order-form.pdf', 'Re: Pilot pricing for Q3']]);
  });

  it('corrects threads and records each correction for later syncs', async () => {
    const o = await setup();
    const c = callerFor(db, o.rep.id);
    const split = await c.timeline.split({ engagementId: o.conv.autoReplyId });
    expect((await c.timeline.thread({ contactId: o.contact.id, threadId: o.conv.threadId })).map((e) => e.id)).toEqual([o.conv.sentId, o.conv.replyId]);
    const merged = await c.timeline.merge({ sourceThreadId: o.conv.otherThreadId, targetThreadId: o.conv.threadId });
    expect(merged.moved).toBe(1);
    expect((await c.timeline.thread({ contactId: o.contact.id, threadId: o.conv.threadId })).map((e) => e.id)).toContain(o.conv.otherId);
    const other = await db.execute<{ id: string }>(sql`insert into contact (organization_id, first_name, last_name) values (${o.org.id}, 'Olga', 'Other') returning id`);
    await c.timeline.move({ engagementId: o.conv.otherId, toContactId: other[0]!.id });
    expect((await c.timeline.list({ contactId: other[0]!.id })).items.map((i) => i.id)).toEqual([o.conv.otherId]);
    await c.timeline.remove({ engagementId: o.conv.autoReplyId });
    expect((await c.timeline.list({ contactId: o.contact.id })).items.map((i) => i.id)).not.toContain(o.conv.autoReplyId);
    const rows = await db.execute<{ kind: string; to_thread_id: string | null; from_contact_id: string | null; to_contact_id: string | null }>(
      sql`select kind, to_thread_id, from_contact_id, to_contact_id from thread_correction where organization_id = ${o.org.id} order by created_at, kind`,
    );
    expect(rows.map((r) => r.kind)).toEqual(['split', 'merge', 'move', 'remove']);
    expect(rows[0]!.to_thread_id).toBe(split.threadId);
    expect(rows[2]!.to_contact_id).toBe(other[0]!.id);
    expect(rows[3]!.from_contact_id).toBe(o.contact.id);
  });

  it('the version changes when a reply is logged (live updates)', async () => {
    const o = await setup();
    const c = callerFor(db, o.rep.id);
    const v1 = await c.timeline.version({ contactId: o.contact.id });
    await insertEngagement(db, { organizationId: o.org.id, contactId: o.contact.id, threadId: o.conv.threadId, direction: 'inbound', subject: 'Re: again', from: { address: o.contactEmail }, to: [], occurredAt: new Date() });
    expect((await c.timeline.version({ contactId: o.contact.id })).version).not.toBe(v1.version);
  });

  it('another organization’s contact, engagement, thread and attachment ids are NOT_FOUND (PRODUCT #20)', async () => {
    const other = callerFor(db, b.admin.id);
    const nf = { code: 'NOT_FOUND' };
    await expect(other.timeline.list({ contactId: a.contact.id })).rejects.toMatchObject(nf);
    await expect(other.timeline.thread({ contactId: a.contact.id, threadId: a.conv.threadId })).rejects.toMatchObject(nf);
    await expect(other.timeline.attachments({ contactId: a.contact.id })).rejects.toMatchObject(nf);
    await expect(other.timeline.body({ engagementId: a.conv.replyId })).rejects.toMatchObject(nf);
    await expect(other.timeline.why({ engagementId: a.conv.replyId })).rejects.toMatchObject(nf);
    await expect(other.timeline.split({ engagementId: a.conv.replyId })).rejects.toMatchObject(nf);
    await expect(other.timeline.remove({ engagementId: a.conv.replyId })).rejects.toMatchObject(nf);
    await expect(other.timeline.move({ engagementId: a.conv.replyId, toContactId: b.contact.id })).rejects.toMatchObject(nf);
    await expect(callerFor(db, a.rep.id).timeline.move({ engagementId: a.conv.otherId, toContactId: b.contact.id })).rejects.toMatchObject(nf);
    await expect(other.timeline.merge({ sourceThreadId: a.conv.otherThreadId, targetThreadId: a.conv.threadId })).rejects.toMatchObject(nf);
    expect((await other.timeline.version({ contactId: a.contact.id })).version).toMatch(/^0:/);
    expect(await getDownloadableAttachment(db, b.org.id, a.conv.pdfId)).toBeUndefined();
    expect((await getDownloadableAttachment(db, a.org.id, a.conv.pdfId))?.filename).toBe('signed-order-form.pdf');
  });
});
