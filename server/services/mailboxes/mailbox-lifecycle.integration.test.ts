import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxes, mailboxFolders, notifications } from '@/db/schema';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { mailWorld } from '@/test/mail-world';
import { applyMailWorldEnv } from '@/test/mail-world-env';
import { authorizeAs, formFor } from '@/test/mailbox-helpers';
import { createUniqueMailUser, expireAccessTokens, revokeAllGrants, setMailPassword } from '@/scripts/mail-world/helpers';
import { secretBox } from '@/server/adapters/secret-box';
import { connectImap } from '@/server/adapters/imap-connect';
import { openCredentials } from './credentials';
import { connectPasswordMailbox, reconnectPasswordMailbox } from './connect-mailbox';
import { completeMailboxOAuth, startMailboxOAuth } from './oauth-connect';
import { checkMailboxConnection } from './check-mailbox';
import { classifyFailure, loadMailboxConnection, recordMailboxFailure } from './mailbox-auth';
import { testOpener } from '@/server/services/sync/sync-test-kit';
import { removeMailbox } from './remove-mailbox';

// PRODUCT #2 and #5 end to end against Dovecot and the local OAuth provider: connect, refresh, disconnect
// with a reason, reconnect to the same row, remove.
const info = mailWorld();
applyMailWorldEnv(info);
const { db, sql } = testDb();
afterAll(() => sql.end());

const redirectUri = 'http://127.0.0.1:3000/api/mailbox-oauth/callback';

async function connectOAuth(actor: { userId: string; organizationId: string }, provider: 'google' | 'microsoft', email: string, reconnectMailboxId?: string) {
  const { url } = await startMailboxOAuth(db, actor, { provider, redirectUri, reconnectMailboxId });
  const back = await authorizeAs(url, email);
  return completeMailboxOAuth(db, actor.userId, { ...back, redirectUri });
}

const row = async (id: string) => (await db.select().from(mailboxes).where(eq(mailboxes.id, id)))[0]!;

describe('mailbox lifecycle', () => {
  it.each(['google', 'microsoft'] as const)('%s: OAuth code + PKCE flow connects IMAP/SMTP with XOAUTH2', async (provider) => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const user = await createUniqueMailUser(info, provider);
    const { url } = await startMailboxOAuth(db, actor, { provider, redirectUri });
    const u = new URL(url);
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.searchParams.get('scope')).toContain(provider === 'google' ? 'https://mail.google.com/' : 'IMAP.AccessAsUser.All');
    const back = await authorizeAs(url, user.email);
    const done = await completeMailboxOAuth(db, rep.id, { ...back, redirectUri });
    expect(done.reconnected).toBe(false);
    const mb = await row(done.mailboxId);
    expect(mb).toMatchObject({ kind: provider, emailAddress: user.email, status: 'connecting' });
    // The state is single-use.
    await expect(completeMailboxOAuth(db, rep.id, { ...back, redirectUri })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    const conn = await loadMailboxConnection(db, org.id, done.mailboxId);
    expect(conn.imap.auth.kind).toBe('xoauth2');
    const client = await connectImap(conn.imap);
    await client.logout();
  });

  it('a state belongs to the user who started the flow', async () => {
    const { org, rep, admin } = await makeOrg(db);
    const user = await createUniqueMailUser(info, 'stolen');
    const { url } = await startMailboxOAuth(db, { userId: rep.id, organizationId: org.id }, { provider: 'google', redirectUri });
    const back = await authorizeAs(url, user.email);
    await expect(completeMailboxOAuth(db, admin.id, { ...back, redirectUri })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('refreshes an expiring token once under concurrency and persists a rotated refresh token', async () => {
    const { org, rep } = await makeOrg(db);
    const user = await createUniqueMailUser(info, 'refresh');
    const { mailboxId } = await connectOAuth({ userId: rep.id, organizationId: org.id }, 'microsoft', user.email);
    const ids = { organizationId: org.id, mailboxId };
    const before = openCredentials(secretBox(), ids, (await row(mailboxId)).credentials!);
    await db.update(mailboxes).set({ accessTokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(mailboxes.id, mailboxId));
    const results = await Promise.all([1, 2, 3, 4].map(() => loadMailboxConnection(db, org.id, mailboxId)));
    const tokens = new Set(results.map((r) => (r.imap.auth.kind === 'xoauth2' ? r.imap.auth.accessToken : '')));
    expect(tokens.size).toBe(1);
    const after = openCredentials(secretBox(), ids, (await row(mailboxId)).credentials!);
    expect(after.kind === 'oauth' && before.kind === 'oauth' && after.refreshToken !== before.refreshToken).toBe(true);
    expect([...tokens][0]).not.toBe(before.kind === 'oauth' ? before.accessToken : '');
    expect((await row(mailboxId)).accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });

  it('password changed → disconnected with the reason and a notification → reconnect restores the same mailbox', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const user = await createUniqueMailUser(info, 'pwchange');
    const { id } = await connectPasswordMailbox(db, actor, formFor(info, user.email, user.password));
    await db.insert(mailboxFolders).values({ organizationId: org.id, mailboxId: id, path: 'INBOX', role: 'inbox', lastUid: 42, messagesTotal: 50, messagesSynced: 42 });
    await db.update(mailboxes).set({ status: 'connected' }).where(eq(mailboxes.id, id));
    await setMailPassword(info, user.email, 'changed-at-provider');

    const checked = await checkMailboxConnection(db, actor, id, { confirmDelayMs: 100 });
    expect(checked.status).toBe('disconnected');
    expect(checked.statusReason).toMatch(/Your password was changed.*Reconnect with the new password/);
    const [note] = await db.select().from(notifications).where(and(eq(notifications.userId, rep.id), eq(notifications.kind, 'mailbox_disconnected')));
    expect(note?.message).toContain(user.email);

    // Another account is refused; the right one restores the row with its cursor.
    const other = await createUniqueMailUser(info, 'other');
    await expect(reconnectPasswordMailbox(db, actor, id, formFor(info, other.email, other.password))).rejects.toMatchObject({ code: 'BAD_INPUT', fields: { email: expect.stringMatching(/different account/) } });
    await expect(reconnectPasswordMailbox(db, actor, id, formFor(info, user.email, user.password))).rejects.toMatchObject({ fields: { password: expect.any(String) } });
    await reconnectPasswordMailbox(db, actor, id, formFor(info, user.email, 'changed-at-provider'));
    expect(await row(id)).toMatchObject({ status: 'connecting', statusReason: null, failureCount: 0 });
    const [folder] = await db.select().from(mailboxFolders).where(eq(mailboxFolders.mailboxId, id));
    expect(folder?.lastUid).toBe(42);
    expect((await checkMailboxConnection(db, actor, id)).status).toBe('connecting');
  });

  it('a network failure degrades with backoff and does not disconnect', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const user = await createUniqueMailUser(info, 'netfail');
    const { id } = await connectPasswordMailbox(db, actor, formFor(info, user.email, user.password));
    await db.update(mailboxes).set({ imapPort: info.imap.noSpecialUse.tlsPort, imapHost: '127.0.0.1', imapSecurity: 'starttls' }).where(eq(mailboxes.id, id));
    const checked = await checkMailboxConnection(db, actor, id, { confirmDelayMs: 100, timeoutMs: 2_000 });
    expect(checked.status).toBe('degraded');
    expect((await row(id)).retryAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('revoked grant → disconnected "Access was revoked" → OAuth reconnect restores; another account is refused', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const user = await createUniqueMailUser(info, 'revoke');
    const { mailboxId } = await connectOAuth(actor, 'google', user.email);
    await db.update(mailboxes).set({ status: 'connected' }).where(eq(mailboxes.id, mailboxId));
    expect(await revokeAllGrants(info, user.email)).toBeGreaterThan(0);

    const checked = await checkMailboxConnection(db, actor, mailboxId, { confirmDelayMs: 100 });
    expect(checked).toMatchObject({ status: 'disconnected', statusReason: expect.stringMatching(/Access was revoked in your Google account/) });

    const other = await createUniqueMailUser(info, 'intruder');
    await expect(connectOAuth(actor, 'google', other.email, mailboxId)).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/this mailbox is/) });
    const again = await connectOAuth(actor, 'google', user.email, mailboxId);
    expect(again).toEqual({ mailboxId, reconnected: true });
    expect((await row(mailboxId)).status).toBe('connecting');
  });

  it('the sync opener refreshes once when IMAP refuses a cached token the provider already expired', async () => {
    const { org, rep } = await makeOrg(db);
    const user = await createUniqueMailUser(info, 'early-expiry');
    const { mailboxId } = await connectOAuth({ userId: rep.id, organizationId: org.id }, 'google', user.email);
    const before = (await row(mailboxId)).credentials;
    expect(await expireAccessTokens(info, user.email)).toBeGreaterThan(0);
    const source = await testOpener(db, info)(org.id, mailboxId);
    await source.close();
    expect((await row(mailboxId)).credentials).not.toBe(before);
  });

  it('revoked grant seen first by the sync worker: its failure and the check both say "Access was revoked"', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const user = await createUniqueMailUser(info, 'revoke-worker');
    const { mailboxId } = await connectOAuth(actor, 'google', user.email);
    await db.update(mailboxes).set({ status: 'connected' }).where(eq(mailboxes.id, mailboxId));
    await revokeAllGrants(info, user.email);
    // The worker's opener meets the revoked (still unexpired) access token first.
    const err = await testOpener(db, info)(org.id, mailboxId).then(() => null, (e: unknown) => e);
    expect(classifyFailure(err)).toMatchObject({ kind: 'auth', reason: 'access_revoked' });
    await recordMailboxFailure(db, mailboxId, err);
    expect((await row(mailboxId)).status).toBe('degraded');
    const checked = await checkMailboxConnection(db, actor, mailboxId, { confirmDelayMs: 100 });
    expect(checked).toMatchObject({ status: 'disconnected', statusReason: expect.stringMatching(/Access was revoked in your Google account/) });
  });

  it('remove: stops sync, revokes at the provider, deletes the credentials', async () => {
    const { org, rep } = await makeOrg(db);
    const actor = { userId: rep.id, organizationId: org.id };
    const user = await createUniqueMailUser(info, 'remove');
    const { mailboxId } = await connectOAuth(actor, 'google', user.email);
    const conn = await loadMailboxConnection(db, org.id, mailboxId);
    expect(await removeMailbox(db, actor, mailboxId)).toEqual({ revokedAtProvider: true });
    expect(await row(mailboxId)).toMatchObject({ credentials: null, leaseOwner: null });
    expect((await row(mailboxId)).removedAt).not.toBeNull();
    await expect(connectImap(conn.imap)).rejects.toMatchObject({ authenticationFailed: true });
    await expect(loadMailboxConnection(db, org.id, mailboxId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
