import { afterAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { deliverRaw, imapFor } from '@/scripts/mail-world/helpers';
import { makeSyncMailbox, testOpener, testSyncDeps } from './sync-test-kit';
import { syncMailboxPass } from './sync-mailbox';

// Issue 5: "Incremental sync uses CONDSTORE/QRESYNC when the server has them (VANISHED/expunge
// handled)". Dovecot announces QRESYNC; the flag sweep is pushed out of reach, so only VANISHED
// (EARLIER) on SELECT can tell the pass that another client expunged a message.

const { db, sql: client } = testDb();
const deps = testSyncDeps(db, { flagSweepIntervalMs: 24 * 3600_000 });
afterAll(async () => {
  await deps.parser.close();
  await client.end();
});

const sweptAt = async (mailboxId: string) =>
  (await client<{ at: string | null }[]>`select last_flag_sweep_at::text as at from mailbox_folder where mailbox_id = ${mailboxId} and path = 'INBOX'`)[0]?.at ?? null;

describe('QRESYNC incremental pass (issue 5)', () => {
  it('marks a message another client expunged as vanished, keeps the rest, and sees new mail', async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    const raw = (n: number) => `From: x@y.test\nTo: ${t.mail.email}\nSubject: q${n}\nMessage-ID: <q-${n}-${t.tag}@y.test>\nDate: ${new Date().toUTCString()}\n\nbody\n`;
    for (const n of [1, 2, 3]) await deliverRaw(info, t.mail.email, 'INBOX', raw(n));
    const source = await testOpener(db, info)(t.org.id, t.mailboxId);
    try {
      expect(source.capabilities.qresync).toBe(true);
      await syncMailboxPass(deps, source, t.mailboxId, { checkPending: true });
      const sweptBefore = await sweptAt(t.mailboxId);
      expect(sweptBefore).not.toBeNull();

      const other = new ImapFlow({ host: info.host, port: imapFor(info, t.mail.email).plainPort, secure: false, auth: { user: t.mail.email, pass: t.mail.password }, logger: false });
      await other.connect();
      await other.mailboxOpen('INBOX');
      const q2 = await other.search({ header: { subject: 'q2' } }, { uid: true });
      expect(q2).toHaveLength(1);
      await other.messageDelete(q2 as number[], { uid: true });
      await other.logout();
      await deliverRaw(info, t.mail.email, 'INBOX', raw(4));

      const pass = await syncMailboxPass(deps, source, t.mailboxId);
      const inbox = pass.folders.find((f) => f.path === 'INBOX');
      expect(inbox).toMatchObject({ plan: 'incremental', vanished: 1 });
      const rows = await client<{ subject: string; gone: boolean }[]>`
        select subject, vanished_at is not null as gone from message where mailbox_id = ${t.mailboxId} order by uid`;
      expect(rows).toEqual([
        { subject: 'q1', gone: false },
        { subject: 'q2', gone: true },
        { subject: 'q3', gone: false },
        { subject: 'q4', gone: false },
      ]);
      // No flag sweep ran: the expunge was learned from VANISHED alone.
      expect(await sweptAt(t.mailboxId)).toEqual(sweptBefore);
    } finally {
      await source.close();
    }
  });
});
