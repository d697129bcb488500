import { afterAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { deliverRaw, imapFor } from '@/scripts/mail-world/helpers';
import { makeSyncMailbox, testOpener, testSyncDeps } from './sync-test-kit';
import { syncMailboxPass } from './sync-mailbox';

// Between passes the worker IDLEs on INBOX, so INBOX is the selected mailbox when the next pass's
// STATUS probe runs. RFC 3501 §6.3.10: STATUS on the selected mailbox may answer from the session's
// stale view; the pass must still see another client's changes (issue 5 "Speed" no-change path).

const { db, sql: client } = testDb();
const deps = testSyncDeps(db);
afterAll(async () => {
  await deps.parser.close();
  await client.end();
});

describe('no-change probe with INBOX selected (issue 5)', () => {
  it("sees a flag set by another client and a new message, and a quiet pass changes nothing", async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    const raw = (n: number) => `From: x@y.test\nTo: ${t.mail.email}\nSubject: s${n}\nMessage-ID: <sel-${n}-${t.tag}@y.test>\nDate: ${new Date().toUTCString()}\n\nbody\n`;
    await deliverRaw(info, t.mail.email, 'INBOX', raw(1));
    const source = await testOpener(db, info)(t.org.id, t.mailboxId);
    try {
      await syncMailboxPass(deps, source, t.mailboxId, { checkPending: true });
      await source.ensureSelected('INBOX');
      const quiet = await syncMailboxPass(deps, source, t.mailboxId);
      expect(quiet.folders.find((f) => f.path === 'INBOX')).toMatchObject({ plan: 'nothing' });

      const other = new ImapFlow({ host: info.host, port: imapFor(info, t.mail.email).plainPort, secure: false, auth: { user: t.mail.email, pass: t.mail.password }, logger: false });
      await other.connect();
      await other.mailboxOpen('INBOX');
      await other.messageFlagsAdd('1:*', ['\\Flagged']);
      await other.logout();
      await syncMailboxPass(deps, source, t.mailboxId);
      const [row] = await client<{ flags: string[] }[]>`select flags from message where mailbox_id = ${t.mailboxId} and subject = 's1'`;
      expect(row?.flags).toContain('\\Flagged');

      await source.ensureSelected('INBOX');
      await deliverRaw(info, t.mail.email, 'INBOX', raw(2));
      await syncMailboxPass(deps, source, t.mailboxId);
      const [n] = await client<{ n: number }[]>`select count(*)::int as n from message where mailbox_id = ${t.mailboxId}`;
      expect(n?.n).toBe(2);
    } finally {
      await source.close();
    }
  });
});
