import { Writable } from 'node:stream';
import superjson from 'superjson';
import { sql as dsql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { callerFor } from '@/test/trpc';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { formFor } from '@/test/mailbox-helpers';
import { createMailUser, setMailPassword } from '@/scripts/mail-world/helpers';
import { createLogger } from '@/server/logger';
import { connectPasswordMailbox } from '@/server/services/mailboxes/connect-mailbox';
import { checkMailboxConnection } from '@/server/services/mailboxes/check-mailbox';

// Issue 4 / PRODUCT #19, #20: the mailboxes router never returns secrets, hides other organizations'
// mailboxes (NOT_FOUND on every id-taking procedure), and shows reps only their own mailboxes.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();
afterAll(() => sql.end());

const uid = () => Math.random().toString(36).slice(2, 10);

describe('mailboxes router', () => {
  it('NOT_FOUND for another organization’s mailbox id on every procedure', async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const email = `nf-${uid()}@mailroom.test`;
    await createMailUser(info, { email, password: 'pw-nf-1' });
    const { id } = await connectPasswordMailbox(db, { userId: b.rep.id, organizationId: b.org.id }, formFor(info, email, 'pw-nf-1'));
    const caller = callerFor(db, a.admin.id);
    const nf = { code: 'NOT_FOUND' };
    await expect(caller.mailboxes.checkNow({ mailboxId: id })).rejects.toMatchObject(nf);
    await expect(caller.mailboxes.remove({ mailboxId: id })).rejects.toMatchObject(nf);
    await expect(caller.mailboxes.reconnectPassword({ mailboxId: id, settings: formFor(info, email, 'pw-nf-1') })).rejects.toMatchObject(nf);
    await expect(caller.mailboxes.startOAuth({ provider: 'google', reconnectMailboxId: id })).rejects.toMatchObject(nf);
    expect((await caller.mailboxes.list()).map((m) => m.id)).not.toContain(id);
  });

  it('reps see their own mailboxes; admins see all statuses but settings only for their own; others cannot act', async () => {
    const { rep, admin } = await makeOrg(db);
    const email = `vis-${uid()}@mailroom.test`;
    await createMailUser(info, { email, password: 'pw-vis-1' });
    await callerFor(db, rep.id).mailboxes.connectPassword(formFor(info, email, 'pw-vis-1'));
    const repList = await callerFor(db, rep.id).mailboxes.list();
    expect(repList).toHaveLength(1);
    expect(repList[0]).toMatchObject({ emailAddress: email, isMine: true, status: 'connecting', settings: { username: email } });
    const adminList = await callerFor(db, admin.id).mailboxes.list();
    expect(adminList).toHaveLength(1);
    expect(adminList[0]).toMatchObject({ emailAddress: email, isMine: false, settings: null, ownerName: 'Rex Rep' });
    await expect(callerFor(db, admin.id).mailboxes.remove({ mailboxId: repList[0]!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const otherRep = (await makeOrg(db)).rep;
    expect(await callerFor(db, otherRep.id).mailboxes.list()).toEqual([]);
  });

  it('field errors come back through tRPC for bad input', async () => {
    const { rep } = await makeOrg(db);
    const err = await callerFor(db, rep.id)
      .mailboxes.connectPassword({ ...formFor(info, 'x@mailroom.test', ''), imapPort: 'abc' })
      .catch((e: unknown) => e as { code: string; cause: { fields: Record<string, string> } });
    expect(err).toMatchObject({ code: 'BAD_REQUEST' });
    expect(Object.keys((err as { cause: { fields: Record<string, string> } }).cause.fields).sort()).toEqual(['imapPort', 'password']);
  });

  it('a canary password never appears in logs, tRPC responses or anywhere in the database', async () => {
    const { org, rep } = await makeOrg(db);
    const canary = `CANARY-${uid()}-pw`;
    const email = `canary-${uid()}@mailroom.test`;
    await createMailUser(info, { email, password: canary });
    let logged = '';
    const logger = createLogger({ level: 'trace', destination: new Writable({ write: (c, _e, cb) => ((logged += String(c)), cb()) }) });
    const caller = callerFor(db, rep.id);

    // Wrong password first (an error response), then the right one, then a failing check (logs warnings).
    const wrong = await caller.mailboxes.connectPassword(formFor(info, email, `${canary}-wrong`)).catch((e: unknown) => e);
    const created = await connectPasswordMailbox(db, { userId: rep.id, organizationId: org.id }, formFor(info, email, canary), { logger });
    logger.info({ password: canary, settings: { password: canary } }, 'redaction check');
    await setMailPassword(info, email, `${canary}-2`);
    await checkMailboxConnection(db, { userId: rep.id, organizationId: org.id }, created.id, { logger, confirmDelayMs: 50 });
    const responses = [
      superjson.stringify(await caller.mailboxes.list()),
      superjson.stringify(await caller.mailboxes.checkNow({ mailboxId: created.id })),
      JSON.stringify(wrong, Object.getOwnPropertyNames(wrong as object)),
    ];
    expect(logged).toContain('redaction check');
    expect(logged).not.toContain(canary);
    for (const r of responses) expect(r).not.toContain(canary);

    // A dump of every row of every table (the installed pg_dump is older than the server, so this is the
    // data section of a dump done by hand: each row rendered as text).
    const tables = await db.execute<{ t: string }>(dsql`select quote_ident(table_name) as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    expect(tables.length).toBeGreaterThan(10);
    let dumped = 0;
    for (const { t } of tables) {
      const rows = await db.execute<{ r: string }>(dsql.raw(`select x::text as r from ${t} x`));
      for (const { r } of rows) {
        dumped += r.length;
        expect(r).not.toContain(canary);
      }
    }
    expect(dumped).toBeGreaterThan(1000);
  });

  it('oauthProviders reports configuration without secrets; unconfigured providers explain the setup', async () => {
    const { rep } = await makeOrg(db);
    const list = await callerFor(db, rep.id).mailboxes.oauthProviders();
    expect(list.map((p) => [p.provider, p.configured])).toEqual([['google', true], ['microsoft', true]]);
    expect(JSON.stringify(list)).not.toContain(info.oauth.google.clientSecret);
    const saved = process.env.MAILBOX_MICROSOFT_CLIENT_ID;
    delete process.env.MAILBOX_MICROSOFT_CLIENT_ID;
    try {
      const again = await callerFor(db, rep.id).mailboxes.oauthProviders();
      expect(again[1]).toMatchObject({ configured: false, help: expect.stringMatching(/administrator needs to register an app in Microsoft Entra ID/) });
      await expect(callerFor(db, rep.id).mailboxes.startOAuth({ provider: 'microsoft' })).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      process.env.MAILBOX_MICROSOFT_CLIENT_ID = saved;
    }
  });
});
