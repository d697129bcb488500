import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { deliverRaw } from '@/scripts/mail-world/helpers';
import { createContact } from '@/server/services/organizations';
import { makeSyncMailbox, testOpener, testSyncDeps, trackSentMessage } from './sync-test-kit';
import { syncMailboxPass } from './sync-mailbox';

const dir = path.resolve('server/adapters/__fixtures__/mime');
const { db, sql: client } = testDb();
const deps = testSyncDeps(db);
afterAll(async () => {
  await deps.parser.close();
  await client.end();
});

describe('the hostile MIME corpus ingests with no crash (issue 5)', () => {
  it('every corpus message is stored as metadata and then logged, quarantined with a reason, or kept metadata-only', async () => {
    const info = mailWorld();
    const t = await makeSyncMailbox(db, info);
    // The corpus replies to <crm-root@org.test> from carla@customer.test.
    await trackSentMessage(db, t.org.id, 'crm-root@org.test', 'Proposal');
    await createContact(db, t.org.id, { firstName: 'Carla', lastName: 'Corpus', emails: ['carla@customer.test'] });
    let delivered = 0;
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.eml'))) {
      try {
        await deliverRaw(info, t.mail.email, 'INBOX', fs.readFileSync(path.join(dir, f)));
        delivered++;
      } catch {
        // doveadm refuses some inputs outright (an empty file): nothing reaches the mailbox to sync.
      }
    }
    expect(delivered).toBeGreaterThan(20);
    const source = await testOpener(db, info)(t.org.id, t.mailboxId);
    try {
      const pass = await syncMailboxPass(deps, source, t.mailboxId, { checkPending: true });
      expect(pass.folders.every((f) => !('error' in f))).toBe(true);
    } finally {
      await source.close();
    }
    const rows = await client<{ message_id: string; capture: string | null; logged: string | null; quarantine_reason: string | null; failure_count: number }[]>`
      select message_id, match_decision->>'capture' as capture, match_decision->>'logged' as logged, quarantine_reason, failure_count from message where mailbox_id = ${t.mailboxId}`;
    expect(rows).toHaveLength(delivered);
    for (const r of rows) {
      const settled = r.capture === 'metadata-only' || r.logged === 'true' || r.quarantine_reason !== null;
      expect(settled, `${r.message_id} is unsettled`).toBe(true);
    }
    // Hostile-but-valid mail still reaches the timeline (charsets, TNEF, calendar, 10,000 references).
    const logged = rows.filter((r) => r.logged === 'true').length;
    expect(logged).toBeGreaterThan(10);
    expect(rows.filter((r) => r.quarantine_reason?.startsWith('limit')).length).toBeGreaterThanOrEqual(2);
    const synthetic = rows.filter((r) => r.message_id.endsWith('@mailroom.invalid'));
    expect(synthetic.length).toBeGreaterThan(0);
  });
});
