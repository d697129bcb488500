import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { testDb } from '@/test/db';
import { mailWorld } from '@/test/mail-world';
import { imapFor, replyAs } from '@/scripts/mail-world/helpers';
import { generateMessages } from '@/scripts/mail-world/generator';
import { createLogger } from '@/server/logger';
import { DEFAULT_SYNC_CONFIG } from '@/server/services/sync/sync-folder';
import { makeSyncMailbox, testOpener, trackSentMessage } from '@/server/services/sync/sync-test-kit';
import { startSyncScheduler } from './scheduler';

const { db, sql: client } = testDb();
afterAll(() => client.end());
const logger = createLogger({ level: 'silent' });

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const engagementCount = async (orgId: string) => (await client<{ n: number }[]>`select count(*)::int as n from engagement where organization_id = ${orgId}`)[0]?.n ?? 0;

async function mailboxWithReply() {
  const info = mailWorld();
  const t = await makeSyncMailbox(db, info);
  const sentId = `crm-${crypto.randomUUID()}@${t.tag}.example.test`;
  await trackSentMessage(db, t.org.id, sentId, 'Quote');
  await replyAs(info, { fromEmail: `carla-${t.tag}@customer.test`, toMailbox: t.mail.email, original: { messageId: `<${sentId}>`, subject: 'Quote' }, text: 'ok' });
  return { ...t, sentId };
}

describe('many workers share mailboxes through leases (issue 5)', () => {
  it('two schedulers: each mailbox synced by one worker at a time, IDLE brings new replies, a stopped worker hands over', async () => {
    const boxes = await Promise.all([mailboxWithReply(), mailboxWithReply(), mailboxWithReply()]);
    const orgs = boxes.map((b) => b.org.id);
    const passes: { workerId: string; mailboxId: string; startedAt: number; endedAt: number }[] = [];
    const open = testOpener(db, mailWorld());
    const make = (workerId: string) =>
      startSyncScheduler(
        { db, sql: client, logger, open },
        { workerId, leaseMs: 3000, claimEveryMs: 200, maxMailboxes: 10, onlyOrganizations: orgs, session: { idleMs: 2000, watchdogMs: 3000, pendingEveryMs: 60_000 }, config: DEFAULT_SYNC_CONFIG, onPass: (e) => passes.push(e) },
      );
    const w1 = make('w1');
    const w2 = make('w2');
    try {
      await until('three replies logged', async () => (await Promise.all(orgs.map(engagementCount))).every((n) => n === 1));
      const owners = await client<{ id: string; lease_owner: string }[]>`select id, lease_owner from mailbox where organization_id = any(${orgs})`;
      expect(owners.every((o) => o.lease_owner === 'w1' || o.lease_owner === 'w2')).toBe(true);
      expect(new Set([...w1.held(), ...w2.held()]).size).toBe(3);
      expect(w1.held().filter((id) => w2.held().includes(id))).toEqual([]);

      // New mail arrives through IDLE, not a restart (PRODUCT #6 "within seconds").
      const b = boxes[0]!;
      const delivered = Date.now();
      await replyAs(mailWorld(), { fromEmail: `c.contact-${b.tag}@customer.test`, toMailbox: b.mail.email, original: { messageId: `<${b.sentId}>`, subject: 'Quote' }, text: 'second' });
      await until('second reply', async () => (await engagementCount(b.org.id)) === 2, 15_000);
      expect(Date.now() - delivered).toBeLessThan(10_000);

      // A stopped worker releases its leases; the other one takes every mailbox.
      await w1.stop();
      await until('w2 holds all', async () => w2.held().length === 3, 10_000);
    } finally {
      await w1.stop();
      await w2.stop();
    }
    // No two workers ever ran a pass on the same mailbox at overlapping times.
    for (const m of boxes) {
      const mine = passes.filter((p) => p.mailboxId === m.mailboxId).sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < mine.length; i++) {
        if (mine[i]!.workerId !== mine[i - 1]!.workerId) expect(mine[i]!.startedAt).toBeGreaterThanOrEqual(mine[i - 1]!.endedAt);
      }
    }
    expect(await Promise.all(orgs.map(engagementCount))).toEqual([2, 1, 1]);
  });

  it('a worker process killed with -9 mid-ingest: another process picks the mailbox up within 30 s and finishes with nothing lost or doubled', async () => {
    const info = mailWorld();
    const t = await mailboxWithReply();
    const gen = await generateMessages(info, t.mail.email, 'INBOX', 4000, { days: 30, seed: 11 });
    const total = gen.messagesInFolder;
    const env = {
      ...process.env,
      NODE_ENV: 'test' as const,
      LOG_LEVEL: process.env.SYNC_TEST_LOG ?? 'error',
      DATABASE_URL: inject('databaseUrl'),
      MAILROOM_SSRF_ALLOW: '127.0.0.1',
      MAILROOM_EXTRA_MAIL_PORTS: String(imapFor(info, t.mail.email).plainPort),
      MAILROOM_ALLOW_INSECURE_MAIL: 'yes',
      SYNC_LEASE_SECONDS: '3',
      SYNC_UIDS_PER_FETCH: '200',
      SYNC_ONLY_ORGANIZATIONS: t.org.id,
    };
    // `node --import tsx` (not the tsx wrapper) so the pid we kill is the worker itself.
    const start = (id: string): ChildProcess => spawn(process.execPath, ['--import', 'tsx', 'server/worker/sync/run-scheduler.ts'], { env: { ...env, SYNC_WORKER_ID: id }, stdio: process.env.SYNC_TEST_LOG ? 'inherit' : ['ignore', 'ignore', 'inherit'] });
    const a = start('proc-a');
    let b: ChildProcess | undefined;
    try {
      await until('proc-a mid-ingest', async () => {
        const [r] = await client<{ n: number; owner: string | null }[]>`
          select (select count(*)::int from message where mailbox_id = ${t.mailboxId}) as n, (select lease_owner from mailbox where id = ${t.mailboxId}) as owner`;
        return r && r.owner === 'proc-a' && r.n > 0 && r.n < total ? r : null;
      }, 45_000);
      a.kill('SIGKILL');
      const killedAt = Date.now();
      b = start('proc-b');
      await until('proc-b took over', async () => (await client`select 1 from mailbox where id = ${t.mailboxId} and lease_owner = 'proc-b'`).length === 1, 30_000);
      expect(Date.now() - killedAt).toBeLessThan(30_000);
      await until('all synced', async () => {
        const [f] = await client<{ stage: string }[]>`select stage from mailbox_folder where mailbox_id = ${t.mailboxId} and path = 'INBOX'`;
        return f?.stage === 'incremental';
      }, 45_000);
      const [n] = await client<{ n: number; distinct_uids: number }[]>`select count(*)::int as n, count(distinct uid)::int as distinct_uids from message where mailbox_id = ${t.mailboxId}`;
      expect(n).toEqual({ n: total, distinct_uids: total });
      expect(await engagementCount(t.org.id)).toBe(1);
    } finally {
      a.kill('SIGKILL');
      b?.kill('SIGTERM');
    }
  });
});
