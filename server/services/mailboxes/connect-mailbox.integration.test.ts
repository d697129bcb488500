import net from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailboxes } from '@/db/schema';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { formFor } from '@/test/mailbox-helpers';
import { createUniqueMailUser } from '@/scripts/mail-world/helpers';
import { POP3_EXPLANATION } from '@/server/domain/connect/pop3';
import { AppError } from '@/server/app-error';
import { connectPasswordMailbox } from './connect-mailbox';
import { verifyMailboxLogin } from './verify-connection';

// Issue 4 / PRODUCT #3, #4: real IMAP LOGIN + SMTP AUTH against Dovecot before anything is saved.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();

// Servers the mail world does not have: a POP3 server, a silent one, and a closed port.
let pop3: net.Server;
let silent: net.Server;
let closedPort: number;
const listen = (s: net.Server) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as net.AddressInfo).port)));

beforeAll(async () => {
  pop3 = net.createServer((c) => c.end('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n'));
  silent = net.createServer(() => undefined);
  const closer = net.createServer();
  closedPort = await listen(closer);
  await new Promise((r) => closer.close(r));
  const ports = [await listen(pop3), await listen(silent), closedPort];
  process.env.MAILROOM_EXTRA_MAIL_PORTS = `${process.env.MAILROOM_EXTRA_MAIL_PORTS},${ports.join(',')}`;
});
afterAll(async () => {
  pop3.close();
  silent.close();
  await sql.end();
});

const port = (s: net.Server) => (s.address() as net.AddressInfo).port;

async function failureOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function countMailboxes(organizationId: string) {
  return (await db.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.organizationId, organizationId))).length;
}

describe('connect a password mailbox (real Dovecot and SMTP)', () => {
  it('verifies IMAP and SMTP, then saves the mailbox with encrypted credentials', async () => {
    const { org, rep } = await makeOrg(db);
    const user = await createUniqueMailUser(info, 'connect');
    const { id } = await connectPasswordMailbox(db, { userId: rep.id, organizationId: org.id }, formFor(info, user.email, user.password));
    const [row] = await db.select().from(mailboxes).where(eq(mailboxes.id, id));
    expect(row).toMatchObject({ kind: 'imap', emailAddress: user.email, status: 'connecting', ownerUserId: rep.id, imapPort: info.imap.specialUse.tlsPort });
    expect(row?.credentials).toMatch(/^mrx1\./);
    expect(row?.credentials).not.toContain(user.password);
  });

  it('wrong password: a plain message on the password field, nothing saved', async () => {
    const { org, rep } = await makeOrg(db);
    const user = await createUniqueMailUser(info, 'wrongpw');
    const err = await failureOf(connectPasswordMailbox(db, { userId: rep.id, organizationId: org.id }, formFor(info, user.email, 'not-the-password')));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.fields?.password).toMatch(/username or password was not accepted/);
    expect(err.message).toMatch(/^Incoming mail \(IMAP\)/);
    expect(await countMailboxes(org.id)).toBe(0);
  });

  it('POP3 port or host: refused with the PRODUCT #3 explanation before any connection', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const base = formFor(info, 'someone@mailroom.test', 'x');
    for (const patch of [{ imapPort: 995 }, { imapPort: 110 }, { imapHost: 'pop.gmail.com' }, { imapHost: 'pop3.example.com' }]) {
      const err = await failureOf(connectPasswordMailbox(db, actor, { ...base, ...patch }));
      expect(err.code).toBe('BAD_INPUT');
      expect(err.message).toBe(POP3_EXPLANATION);
      expect(err.message).toMatch(/removes it from the server/);
    }
    expect(await countMailboxes(org.id)).toBe(0);
  });

  it('POP3 greeting on a non-standard port: the same explanation', async () => {
    const { org, rep } = await makeOrg(db);
    const err = await failureOf(
      connectPasswordMailbox(db, { userId: rep.id, organizationId: org.id }, { ...formFor(info, 'pop@mailroom.test', 'x'), imapPort: port(pop3), imapSecurity: 'starttls' }),
    );
    expect(err.message).toBe(POP3_EXPLANATION);
    expect(err.fields?.imapPort).toBe(POP3_EXPLANATION);
  });

  it('unreachable port: "refused the connection" on the port field', async () => {
    const { org, rep } = await makeOrg(db);
    const err = await failureOf(connectPasswordMailbox(db, { userId: rep.id, organizationId: org.id }, { ...formFor(info, 'x@mailroom.test', 'x'), imapPort: closedPort }));
    expect(err.fields?.imapPort).toMatch(/refused the connection/);
  });

  it('TLS problems: implicit TLS against a plain port, STARTTLS where none is offered', async () => {
    const user = await createUniqueMailUser(info, 'tls');
    const auth = { kind: 'password' as const, password: user.password };
    const smtp = { host: '127.0.0.1', port: info.smtp.tlsPort, security: 'tls' as const, username: user.email, auth };
    const wrongVersion = await verifyMailboxLogin({ host: '127.0.0.1', port: info.imap.specialUse.plainPort, security: 'tls', username: user.email, auth }, smtp);
    expect(wrongVersion).toMatchObject({ ok: false, step: 'imap', field: 'imapSecurity' });
    if (!wrongVersion.ok) expect(wrongVersion.reason).toMatch(/^tls_/);
    const noStarttls = await verifyMailboxLogin({ host: '127.0.0.1', port: info.imap.specialUse.plainPort, security: 'starttls', username: user.email, auth }, smtp);
    expect(noStarttls).toMatchObject({ ok: false, step: 'imap', field: 'imapSecurity' });
    const smtpTls = await verifyMailboxLogin(
      { host: '127.0.0.1', port: info.imap.specialUse.tlsPort, security: 'tls', username: user.email, auth },
      { ...smtp, port: info.smtp.plainPort, security: 'tls' },
    );
    expect(smtpTls).toMatchObject({ ok: false, step: 'smtp', field: 'smtpSecurity' });
  });

  it('timeout: a server that never greets gives the timeout message within the limit', async () => {
    const t0 = Date.now();
    const result = await verifyMailboxLogin(
      { host: '127.0.0.1', port: port(silent), security: 'none', username: 'u', auth: { kind: 'password', password: 'p' } },
      { host: '127.0.0.1', port: info.smtp.tlsPort, security: 'tls', username: 'u', auth: { kind: 'password', password: 'p' } },
      { timeoutMs: 1_500 },
    );
    expect(result).toMatchObject({ ok: false, step: 'imap', reason: 'timeout', field: 'imapHost' });
    if (!result.ok) expect(result.message).toMatch(/took too long/);
    expect(Date.now() - t0).toBeLessThan(9_000);
  });

  it('wrong SMTP password after a good IMAP login is reported on SMTP', async () => {
    const user = await createUniqueMailUser(info, 'smtpbad');
    const result = await verifyMailboxLogin(
      { host: '127.0.0.1', port: info.imap.specialUse.tlsPort, security: 'tls', username: user.email, auth: { kind: 'password', password: user.password } },
      { host: '127.0.0.1', port: info.smtp.tlsPort, security: 'tls', username: user.email, auth: { kind: 'password', password: 'nope' } },
    );
    expect(result).toMatchObject({ ok: false, step: 'smtp', reason: 'wrong_credentials', field: 'password' });
  });

  it('bad input gets field errors without any connection; the same address twice is refused', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const err = await failureOf(connectPasswordMailbox(db, actor, { ...formFor(info, 'a@mailroom.test', ''), imapPort: 70000, smtpHost: 'x'.repeat(10_240), email: 'e\u202e@x.test' }));
    expect(Object.keys(err.fields ?? {}).sort()).toEqual(['email', 'imapPort', 'password', 'smtpHost']);
    const user = await createUniqueMailUser(info, 'twice');
    await connectPasswordMailbox(db, actor, formFor(info, user.email, user.password));
    const dup = await failureOf(connectPasswordMailbox(db, actor, formFor(info, user.email.toUpperCase(), user.password)));
    expect(dup.code).toBe('CONFLICT');
    expect(dup.fields?.email).toMatch(/already connected/);
  });

  it('verification is rate-limited per user', async () => {
    const { org, rep, admin } = await makeOrg(db);
    const attempt = (userId: string) => connectPasswordMailbox(db, { userId, organizationId: org.id }, formFor(info, 'nobody@mailroom.test', 'wrong'), { verifyLimit: 3 });
    for (let i = 0; i < 3; i++) expect((await failureOf(attempt(rep.id))).code).toBe('BAD_INPUT');
    expect((await failureOf(attempt(rep.id))).code).toBe('RATE_LIMITED');
    expect((await failureOf(attempt(admin.id))).code).toBe('BAD_INPUT');
  });
});
