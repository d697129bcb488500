import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { replyAs } from '@/scripts/mail-world/helpers';
import { createLogger } from '@/server/logger';
import { createBoss } from '@/server/adapters/queue';
import { makeSyncMailbox, testOpener, testSyncDeps, trackSentMessage } from '@/server/services/sync/sync-test-kit';
import { syncMailboxPass } from '@/server/services/sync/sync-mailbox';
import { purgeExpiredMetadata } from './purge-metadata';
import { purgeExpiredBodies } from './purge-bodies';
import { purgeDeletedLoggedEngagements } from './purge-engagements';
import { deleteEngagement } from './engagement-deletion';
import { eraseAddress } from './erase-address';
import { runPurge } from './retention-fixtures';

// Retention against the real sync pipeline (issue 5's sync-and-log over the mail world's Dovecot):
// purged data is not brought back by a full resync, an erased address is not re-imported, and the
// body of a logged email appears in no log line, no job payload and no table off the display path.
const { db, sql: client } = testDb();
const logLines: string[] = [];
const logger = createLogger({ level: 'trace', name: 'retention-pipeline-test', destination: new Writable({ write(chunk, _e, cb) { logLines.push(String(chunk)); cb(); } }) });
const deps = { ...testSyncDeps(db), logger };
afterAll(async () => {
  await deps.parser.close();
  await client.end();
});

const DAY = 86_400_000;
const T0 = new Date('1998-06-01T00:00:00Z');

async function syncOnce(orgId: string, mailboxId: string) {
  const source = await testOpener(db, mailWorld())(orgId, mailboxId);
  try {
    return await syncMailboxPass(deps, source, mailboxId, { checkPending: true });
  } finally {
    await source.close();
  }
}

// A full resync from scratch, as after a UIDVALIDITY change or a backfill: forget every cursor.
async function forgetCursors(mailboxId: string) {
  await db.execute(sql`delete from mailbox_folder where mailbox_id = ${mailboxId}`);
}

const count = async (q: ReturnType<typeof sql>) => Number(((await db.execute(q))[0] as { n: number } | undefined)?.n ?? 0);

async function replyScenario(body: string) {
  const info = mailWorld();
  const t = await makeSyncMailbox(db, info);
  const sentId = `crm-${crypto.randomUUID()}@${t.tag}.example.test`;
  await trackSentMessage(db, t.org.id, sentId, 'Renewal');
  const contactAddress = `carla-${t.tag}@customer.test`;
  const reply = await replyAs(info, { fromEmail: contactAddress, toMailbox: t.mail.email, original: { messageId: `<${sentId}>`, subject: 'Renewal' }, text: body, attachments: [{ filename: 'terms.txt', content: `terms ${t.tag}` }] });
  await syncOnce(t.org.id, t.mailboxId);
  return { ...t, contactAddress, replyId: reply.messageId.slice(1, -1) };
}

describe('no resurrection through the real sync (PRODUCT #15, #17)', () => {
  it('a message whose metadata expired is not re-imported by a full resync, and its deleted engagement is not re-created', async () => {
    const t = await replyScenario('See the renewal terms.');
    expect(await count(sql`select count(*)::int as n from engagement where organization_id = ${t.org.id}`)).toBe(1);
    const [eng] = await db.execute<{ id: string }>(sql`select id from engagement where organization_id = ${t.org.id}`);

    // The rep deletes the timeline entry; a resync must not bring it back while it waits for the purge.
    await deleteEngagement(db, { organizationId: t.org.id, engagementId: eng!.id, now: new Date() });
    await forgetCursors(t.mailboxId);
    await syncOnce(t.org.id, t.mailboxId);
    const afterResync = await db.execute<{ deleted_at: string | null }>(sql`select deleted_at::text from engagement where organization_id = ${t.org.id}`);
    expect(afterResync).toHaveLength(1);
    expect(afterResync[0]?.deleted_at).not.toBeNull();

    // 60 days later the metadata goes and, 90 days after deletion, the engagement. (Times are moved to
    // 1998 so these global purges never reach rows other test files write at the real "now".)
    await db.execute(sql`update message set synced_at = ${T0.toISOString()}::timestamptz, body_expires_at = ${new Date(T0.getTime() + 7 * DAY).toISOString()}::timestamptz where organization_id = ${t.org.id}`);
    await db.execute(sql`update engagement set deleted_at = ${T0.toISOString()}::timestamptz where organization_id = ${t.org.id}`);
    await runPurge(() => purgeExpiredBodies(db, { now: new Date(T0.getTime() + 7 * DAY) }));
    expect(await count(sql`select count(*)::int as n from message where organization_id = ${t.org.id} and (body_text is not null or body_html is not null)`)).toBe(0);
    await runPurge(() => purgeExpiredMetadata(db, { now: new Date(T0.getTime() + 60 * DAY) }));
    await runPurge(() => purgeDeletedLoggedEngagements(db, { now: new Date(T0.getTime() + 90 * DAY) }));
    expect(await count(sql`select count(*)::int as n from message where organization_id = ${t.org.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from engagement where organization_id = ${t.org.id}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from purged_message_id where mailbox_id = ${t.mailboxId} and message_id = ${t.replyId}`)).toBe(1);

    await forgetCursors(t.mailboxId);
    await syncOnce(t.org.id, t.mailboxId);
    expect(await count(sql`select count(*)::int as n from message where organization_id = ${t.org.id} and message_id = ${t.replyId}`)).toBe(0);
    expect(await count(sql`select count(*)::int as n from engagement where organization_id = ${t.org.id}`)).toBe(0);
  });

  it('an erased address leaves no row behind and is neither stored nor logged by the next full resync', async () => {
    const t = await replyScenario('Please call me back.');
    expect(await count(sql`select count(*)::int as n from engagement where organization_id = ${t.org.id}`)).toBe(1);
    const report = await eraseAddress(db, { organizationId: t.org.id, address: t.contactAddress.toUpperCase(), now: new Date() });
    expect(report).toMatchObject({ engagements: 1, attachments: 1, blobs: 1, contactEmails: 1, newlySuppressed: true });
    expect(report.messages).toBeGreaterThanOrEqual(1);

    await forgetCursors(t.mailboxId);
    await syncOnce(t.org.id, t.mailboxId);
    const tables = await db.execute<{ table_name: string }>(sql`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'suppressed_address'`);
    for (const { table_name } of tables) {
      const n = await count(sql`select count(*)::int as n from ${sql.identifier(table_name)} t where position(${t.contactAddress} in lower(t::text)) > 0`);
      expect({ table_name, n }).toEqual({ table_name, n: 0 });
    }
  });
});

describe('bodies stay on the display path (PRODUCT #12)', () => {
  it('a canary body appears in no log line, no pg-boss job or archive, and no table but message/engagement', async () => {
    // pg-boss's schema exists whenever a worker ran; start one so the check below is never vacuous.
    const boss = createBoss(inject('databaseUrl'), { supervise: false, schedule: false });
    await boss.start();
    try {
      const canary = `CANARY-${crypto.randomBytes(8).toString('hex')}`;
      const t = await replyScenario(`The code word is ${canary}, keep it between us.`);
      const [eng] = await db.execute<{ body_text: string | null }>(sql`select body_text from engagement where organization_id = ${t.org.id}`);
      expect(eng?.body_text).toContain(canary); // the display path has it
      // Run the purges with their logger-facing results and a failing log pass, then look everywhere else.
      await db.execute(sql`update message set body_expires_at = ${new Date(T0.getTime()).toISOString()}::timestamptz where organization_id = ${t.org.id}`);
      const r = await runPurge(() => purgeExpiredBodies(db, { now: new Date(T0.getTime() + DAY) }));
      logger.info({ rule: r.rule, removed: r.removed, batches: r.batches }, 'retention run');
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.filter((l) => l.includes(canary))).toEqual([]);

      const needle = canary.toLowerCase();
      for (const table of ['pgboss.job', 'pgboss.archive']) {
        const [reg] = await db.execute<{ t: string | null }>(sql`select to_regclass(${table})::text as t`);
        if (table === 'pgboss.job') expect(reg?.t).toBe(table);
        if (!reg?.t) continue;
        expect(await count(sql`select count(*)::int as n from ${sql.raw(table)} j where position(${needle} in lower(j::text)) > 0`)).toBe(0);
      }
      const tables = await db.execute<{ table_name: string }>(sql`
        select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('message', 'engagement')`);
      for (const { table_name } of tables) {
        const n = await count(sql`select count(*)::int as n from ${sql.identifier(table_name)} t where position(${needle} in lower(t::text)) > 0`);
        expect({ table_name, n }).toEqual({ table_name, n: 0 });
      }
      // And the synced message's own copy is gone once its 7 days are up.
      expect(await count(sql`select count(*)::int as n from message where organization_id = ${t.org.id} and position(${needle} in lower(message::text)) > 0`)).toBe(0);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
