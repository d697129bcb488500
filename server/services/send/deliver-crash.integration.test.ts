import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { eq, sql as dsql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { outbox } from '@/db/schema';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { catchAll, messagesById, orgWithMailbox } from '@/test/send-helpers';
import { setAutoFileSent } from '@/scripts/mail-world/helpers';
import { queueEmail } from './compose';
import { deliverOutbox, type PausePoint } from './deliver';

// Issue 6 "An integration test kills the worker between SMTP DATA and the outbox commit and proves one
// delivery": a real child process delivers, stops at a pause point, is killed with SIGKILL, and a second
// worker takes the row over once its lease has run out.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();
afterAll(() => sql.end());

function runUntilPaused(outboxId: string, pauseAt: PausePoint): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['test/send-deliver-child.ts'], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), OUTBOX_ID: outboxId, PAUSE_AT: pauseAt },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child never paused: ${out}`));
    }, 45_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('PAUSED')) {
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && out.includes('PAUSED')) resolve();
      else reject(new Error(`child exited without pausing (${signal}): ${out}`));
    });
  });
}

// The crashed worker's lease runs out (what waiting DEFAULT_LEASE_MS would do).
const expireLease = (id: string) => db.update(outbox).set({ nextAttemptAt: dsql`now() - interval '1 second'` }).where(eq(outbox.id, id));

describe('a worker killed mid-send', () => {
  it('killed after SMTP DATA, before any commit (provider files sent mail): the retry finds the Message-ID in Sent and does not send again', async () => {
    const o = await orgWithMailbox(db, info, 'special-use');
    await setAutoFileSent(info, { email: o.user.email, enabled: true });
    const q = await queueEmail(db, o.actor, { idempotencyKey: crypto.randomUUID(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject: 'Crash after DATA', html: '<p>Once only</p>', attachmentIds: [] });
    await runUntilPaused(q.outboxId, 'after-smtp-data');
    const [mid] = await db.select().from(outbox).where(eq(outbox.id, q.outboxId));
    expect(mid).toMatchObject({ status: 'sending', smtpAcceptedAt: null });
    expect(mid!.attemptStartedAt).not.toBeNull();
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);

    // Still leased by the dead worker: nobody else may touch it yet.
    expect(await deliverOutbox({ db }, q.outboxId)).toEqual({ status: 'skipped' });
    await expireLease(q.outboxId);
    expect(await deliverOutbox({ db }, q.outboxId)).toEqual({ status: 'sent', resent: false, sentCopy: 'already-present' });
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);
    expect(await messagesById(info, o.user, 'Sent', q.messageId)).toHaveLength(1);
    const [row] = await db.select().from(outbox).where(eq(outbox.id, q.outboxId));
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('killed after SMTP accepted and the copy was filed, before the final commit: one delivery, one copy', async () => {
    const o = await orgWithMailbox(db, info, 'special-use');
    const q = await queueEmail(db, o.actor, { idempotencyKey: crypto.randomUUID(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject: 'Crash before commit', html: '<p>Once only</p>', attachmentIds: [] });
    await runUntilPaused(q.outboxId, 'before-commit');
    await expireLease(q.outboxId);
    expect(await deliverOutbox({ db }, q.outboxId)).toEqual({ status: 'sent', resent: false, sentCopy: 'already-present' });
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);
    expect(await messagesById(info, o.user, 'Sent', q.messageId)).toHaveLength(1);
  });

  it('killed before SMTP: the retry sends it (exactly once)', async () => {
    const o = await orgWithMailbox(db, info, 'no-special-use');
    const q = await queueEmail(db, o.actor, { idempotencyKey: crypto.randomUUID(), mailboxId: o.mailboxId, contactId: o.contact.id, to: [`carla-${o.tag}@customer.test`], cc: [], bcc: [], subject: 'Crash before SMTP', html: '<p>Once only</p>', attachmentIds: [] });
    await runUntilPaused(q.outboxId, 'before-smtp');
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(0);
    await expireLease(q.outboxId);
    expect(await deliverOutbox({ db }, q.outboxId)).toEqual({ status: 'sent', resent: true, sentCopy: 'appended' });
    expect(await messagesById(info, catchAll(info), 'INBOX', q.messageId)).toHaveLength(1);
    expect(await messagesById(info, o.user, 'Sent Items', q.messageId)).toHaveLength(1);
  });
});
