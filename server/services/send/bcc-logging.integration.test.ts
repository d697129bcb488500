import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagements, notifications, trackedMessageIds } from '@/db/schema';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { startInboundSmtp } from '@/server/adapters/inbound-smtp';
import { MAX_BCC_LOGGED_BYTES } from '@/server/domain/sync/attachment-policy';
import { checkLoggingRecipient, handleLoggingMessage, loggingAddress } from './bcc-logging';

// Issue 6 "BCC/forward logging address" over real SMTP into a real listener and real Postgres.
const { db, sql } = testDb();
const inboundDomain = 'log.mailroom.test';
const deps = { db, inboundDomain };
let server: { port: number; stop: () => Promise<void> };

beforeAll(async () => {
  server = await startInboundSmtp(
    { port: 0, keepBytes: MAX_BCC_LOGGED_BYTES },
    { checkRecipient: (a) => checkLoggingRecipient(deps, a), onMessage: (m) => handleLoggingMessage(deps, m) },
  );
});
afterAll(async () => {
  await server.stop();
  await sql.end();
});

function send(o: { from: string; to: string; bcc?: string; subject: string; text: string; envelopeFrom?: string; messageId?: string }) {
  const t = nodemailer.createTransport({ host: '127.0.0.1', port: server.port, secure: false, ignoreTLS: true });
  const rcpt = o.bcc ?? o.to;
  return t.sendMail({ from: o.from, to: o.to, ...(o.bcc ? { bcc: o.bcc } : {}), subject: o.subject, text: o.text, messageId: o.messageId, envelope: { from: o.envelopeFrom ?? o.from, to: [rcpt] } });
}

describe('BCC logging address', () => {
  it('logs a member’s BCC on the contact’s timeline as bcc_logged and tracks its thread', async () => {
    const o = await makeOrg(db);
    const contactAddress = `carla-${o.tag}@customer.test`;
    const messageId = `<${crypto.randomUUID()}@${o.org.domain}>`;
    await send({ from: o.rep.email, to: contactAddress, bcc: loggingAddress(o.org.loggingToken, inboundDomain), subject: 'Pricing follow-up', text: 'Hi Carla, as promised.', messageId });
    const rows = await db.select().from(engagements).where(and(eq(engagements.organizationId, o.org.id), eq(engagements.contactId, o.contact.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'bcc_logged', status: 'logged', subject: 'Pricing follow-up', direction: 'outbound', fromAddress: o.rep.email, createdByUserId: o.rep.id });
    expect(rows[0]!.bodyText).toContain('as promised');
    const [tracked] = await db.select().from(trackedMessageIds).where(and(eq(trackedMessageIds.organizationId, o.org.id), eq(trackedMessageIds.messageId, messageId.slice(1, -1))));
    expect(tracked).toMatchObject({ source: 'bcc', threadId: rows[0]!.threadId });
    // The same message again (a retry by the sending server) changes nothing.
    await send({ from: o.rep.email, to: contactAddress, bcc: loggingAddress(o.org.loggingToken, inboundDomain), subject: 'Pricing follow-up', text: 'Hi Carla, as promised.', messageId });
    expect(await db.select().from(engagements).where(eq(engagements.organizationId, o.org.id))).toHaveLength(1);
  });

  it('refuses a sender who is not a member of the organization, and logs nothing', async () => {
    const o = await makeOrg(db);
    const err = await send({ from: `stranger-${o.tag}@elsewhere.test`, to: `carla-${o.tag}@customer.test`, bcc: loggingAddress(o.org.loggingToken, inboundDomain), subject: 'Spoof', text: 'x' }).catch((e: Error & { responseCode?: number }) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as { responseCode?: number }).responseCode).toBe(550);
    expect(String((err as Error).message)).toMatch(/Only members of this CRM organization/);
    expect(await db.select().from(engagements).where(eq(engagements.organizationId, o.org.id))).toHaveLength(0);
  });

  it('refuses an unknown logging address at RCPT', async () => {
    const o = await makeOrg(db);
    const err = await send({ from: o.rep.email, to: `carla-${o.tag}@customer.test`, bcc: `nobody-${o.tag}@${inboundDomain}`, subject: 'x', text: 'x' }).catch((e: Error & { responseCode?: number }) => e);
    expect((err as { responseCode?: number }).responseCode).toBe(550);
    expect(String((err as Error).message)).toMatch(/No such logging address/);
  });

  it('does not log content over 2 MB, says why, and tells the member', async () => {
    const o = await makeOrg(db);
    const big = 'x'.repeat(MAX_BCC_LOGGED_BYTES + 10_000);
    const err = await send({ from: o.rep.email, to: `carla-${o.tag}@customer.test`, bcc: loggingAddress(o.org.loggingToken, inboundDomain), subject: 'Huge', text: big }).catch((e: Error & { responseCode?: number }) => e);
    expect((err as { responseCode?: number }).responseCode).toBe(552);
    expect(String((err as Error).message)).toMatch(/over 2 MB are not logged/);
    expect(await db.select().from(engagements).where(eq(engagements.organizationId, o.org.id))).toHaveLength(0);
    const notes = await db.select().from(notifications).where(and(eq(notifications.organizationId, o.org.id), eq(notifications.userId, o.rep.id)));
    expect(notes.map((n) => n.kind)).toContain('bcc_too_large');
  });

  it('a forwarded email is logged on the contact named in the forwarded header block', async () => {
    const o = await makeOrg(db);
    const contactAddress = `c.contact-${o.tag}@customer.test`;
    const text = `FYI\n\n---------- Forwarded message ---------\nFrom: Carla Contact <${contactAddress}>\nDate: Mon, 1 Dec 2026\nSubject: Question\nTo: ${o.rep.email}\n\nCan you send the quote?`;
    await send({ from: o.rep.email, to: loggingAddress(o.org.loggingToken, inboundDomain), subject: 'Fwd: Question', text });
    const rows = await db.select().from(engagements).where(eq(engagements.organizationId, o.org.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ contactId: o.contact.id, kind: 'bcc_logged' });
  });
});
