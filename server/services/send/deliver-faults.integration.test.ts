import crypto from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { eq, sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagements, mailboxes, outbox } from '@/db/schema';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { formFor } from '@/test/mailbox-helpers';
import { catchAll, messagesById, orgWithMailbox } from '@/test/send-helpers';
import { setMailPassword } from '@/scripts/mail-world/helpers';
import { loadMailboxConnection } from '@/server/services/mailboxes/mailbox-auth';
import { reconnectPasswordMailbox } from '@/server/services/mailboxes/connect-mailbox';
import { queueEmail } from './compose';
import { deliverOutbox } from './deliver';
import { retryEmail } from './retry';

// Issue 6 "Bad input" at delivery time: SMTP 4xx then success, 5xx, and a password changed at the
// provider mid-send (→ failed with the reason, resumable after reconnect). Real Postgres, real Dovecot
// for the sent folder, and a real SMTP server whose replies the test scripts.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();

type Script = { replies: Array<{ code: number; text: string } | 'accept'>; received: Buffer[] };
const script: Script = { replies: [], received: [] };
let fake: SMTPServer;
let fakePort = 0;

beforeAll(async () => {
  fake = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (_a, _s, cb) => cb(null, { user: 'x' }),
    onData(stream, _session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const next = script.replies.shift() ?? 'accept';
        if (next === 'accept') {
          script.received.push(Buffer.concat(chunks));
          cb();
        } else cb(Object.assign(new Error(next.text), { responseCode: next.code }));
      });
    },
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
  fakePort = (fake.server.address() as { port: number }).port;
  process.env.MAILROOM_ALLOW_INSECURE_MAIL = 'yes';
  process.env.MAILROOM_EXTRA_MAIL_PORTS = `${process.env.MAILROOM_EXTRA_MAIL_PORTS ?? ''},${fakePort}`;
});
afterAll(async () => {
  await new Promise<void>((r) => fake.close(() => r()));
  await sql.end();
});

// The real mailbox (IMAP on Dovecot for the sent folder) with SMTP pointed at the scripted server.
const viaFake = async (d: typeof db, org: string, mailbox: string) => {
  const c = await loadMailboxConnection(d, org, mailbox);
  return { ...c, smtp: { ...c.smtp, host: '127.0.0.1', port: fakePort, security: 'none' as const } };
};
const due = (id: string) => db.update(outbox).set({ nextAttemptAt: dsql`now() - interval '1 second'` }).where(eq(outbox.id, id));

async function queued(o: Awaited<ReturnType<typeof orgWithMailbox>>, subject: string) {
  return queueEmail(db, o.actor, { idempotencyKey: crypto.randomUUID(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject, html: '<p>x</p>', attachmentIds: [] });
}

describe('delivery faults', () => {
  it('SMTP 4xx: retried later with backoff, then delivered once', async () => {
    const o = await orgWithMailbox(db, info);
    const q = await queued(o, 'Greylisted');
    script.replies = [{ code: 451, text: '4.7.1 Greylisted, try again later' }];
    script.received = [];
    const first = await deliverOutbox({ db, loadConnection: viaFake }, q.outboxId);
    expect(first.status).toBe('retry');
    const [mid] = await db.select().from(outbox).where(eq(outbox.id, q.outboxId));
    expect(mid).toMatchObject({ status: 'queued', attemptStartedAt: null });
    expect(mid!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    expect(mid!.lastError).toMatch(/try again later \(451\)/);
    // Not due yet: nothing happens.
    expect(await deliverOutbox({ db, loadConnection: viaFake }, q.outboxId)).toEqual({ status: 'skipped' });
    await due(q.outboxId);
    expect(await deliverOutbox({ db, loadConnection: viaFake }, q.outboxId)).toMatchObject({ status: 'sent', resent: true });
    expect(script.received).toHaveLength(1);
    expect(await messagesById(info, o.user, 'Sent', q.messageId)).toHaveLength(1);
  });

  it('SMTP 5xx: failed with a readable reason, nothing in Sent', async () => {
    const o = await orgWithMailbox(db, info);
    const q = await queued(o, 'Rejected');
    script.replies = [{ code: 550, text: '5.7.1 Message rejected as spam' }];
    script.received = [];
    const r = await deliverOutbox({ db, loadConnection: viaFake }, q.outboxId);
    expect(r).toMatchObject({ status: 'failed' });
    const [e] = await db.select().from(engagements).where(eq(engagements.id, q.engagementId));
    expect(e).toMatchObject({ status: 'failed' });
    expect(e!.failureReason).toMatch(/refused this email \(550\).*rejected as spam/);
    expect(script.received).toHaveLength(0);
    expect(await messagesById(info, o.user, 'Sent', q.messageId)).toHaveLength(0);
  });

  it('password changed at the provider mid-send: failed with the reason, mailbox disconnected, sent once after reconnect + retry', async () => {
    const o = await orgWithMailbox(db, info);
    const q = await queued(o, 'After reconnect');
    await setMailPassword(info, o.user.email, 'changed-pw-1');
    const r = await deliverOutbox({ db }, q.outboxId);
    expect(r).toMatchObject({ status: 'failed' });
    expect((r as { reason: string }).reason).toMatch(/Reconnect it in Settings → Email, then press Retry/);
    const [mb] = await db.select().from(mailboxes).where(eq(mailboxes.id, o.mailboxId));
    expect(mb!.status).toBe('disconnected');
    await expect(retryEmail(db, o.actor, q.engagementId)).rejects.toMatchObject({ code: 'CONFLICT' });

    // Dovecot's login processes may need a moment longer than `doveadm auth test` to see the new password.
    for (let i = 0; ; i++) {
      const ok = await reconnectPasswordMailbox(db, { userId: o.rep.id, organizationId: o.org.id }, o.mailboxId, formFor(info, o.user.email, 'changed-pw-1')).then(() => true, (e: unknown) => (i < 20 ? false : Promise.reject(e)));
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(await retryEmail(db, o.actor, q.engagementId)).toMatchObject({ status: 'queued' });
    expect(await deliverOutbox({ db }, q.outboxId)).toMatchObject({ status: 'sent' });
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);
    expect(await messagesById(info, { email: o.user.email, password: 'changed-pw-1' }, 'Sent', q.messageId)).toHaveLength(1);
  });
});
