import crypto from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, mailboxEvents, oauthFlows } from '@/db/schema';
import { AppError } from '@/server/app-error';
import {
  accountEmail,
  authorizationUrl,
  exchangeCode,
  mailboxOAuthConfig,
  newPkce,
  newState,
  revokeToken,
  type OAuthProviderId,
} from '@/server/adapters/mailbox-oauth-client';
import { secretBox } from '@/server/adapters/secret-box';
import { INITIAL_MAILBOX_STATUS } from '@/server/domain/errors/mailbox-status';
import { classifyMailError, describeError } from '@/server/domain/errors/classify';
import type { Logger } from '@/server/logger';
import { sealCredentials } from './credentials';
import { findOwnMailbox, restoreMailbox, type ConnectActor } from './connect-mailbox';
import { checkVerifyRateLimit } from './verify-rate-limit';
import { verifyMailboxLogin } from './verify-connection';

// PRODUCT #2: "Connect with Google/Microsoft": authorization code + PKCE + state, offline access, then
// IMAP and SMTP verified with XOAUTH2 before anything is saved. Also used to reconnect (PRODUCT #5).

const FLOW_TTL_MS = 10 * 60_000;
const PROVIDER_NAME: Record<OAuthProviderId, string> = { google: 'Google', microsoft: 'Microsoft' };

export function oauthSetupHelp(provider: OAuthProviderId): string {
  const P = provider === 'google' ? 'MAILBOX_GOOGLE' : 'MAILBOX_MICROSOFT';
  const where =
    provider === 'google'
      ? 'create an OAuth client in Google Cloud Console with the Gmail scope https://mail.google.com/'
      : 'register an app in Microsoft Entra ID with IMAP.AccessAsUser.All, SMTP.Send and offline_access';
  return `Connecting with ${PROVIDER_NAME[provider]} isn’t set up for this installation yet. An administrator needs to ${where}, then set ${P}_CLIENT_ID and ${P}_CLIENT_SECRET on the server.`;
}

export function oauthAvailability() {
  return (['google', 'microsoft'] as const).map((provider) => ({
    provider,
    configured: mailboxOAuthConfig(provider) !== null,
    help: mailboxOAuthConfig(provider) ? null : oauthSetupHelp(provider),
  }));
}

export async function startMailboxOAuth(
  db: Database,
  actor: ConnectActor,
  o: { provider: OAuthProviderId; redirectUri: string; reconnectMailboxId?: string; now?: Date },
): Promise<{ url: string }> {
  const cfg = mailboxOAuthConfig(o.provider);
  if (!cfg) throw new AppError('UNAVAILABLE', oauthSetupHelp(o.provider));
  let loginHint: string | undefined;
  if (o.reconnectMailboxId) {
    const mailbox = await findOwnMailbox(db, actor, o.reconnectMailboxId);
    if (mailbox.kind !== o.provider) throw new AppError('BAD_INPUT', `This mailbox is not a ${PROVIDER_NAME[o.provider]} mailbox.`);
    loginHint = mailbox.emailAddress;
  }
  const now = o.now ?? new Date();
  const pkce = newPkce();
  const state = newState();
  await db.delete(oauthFlows).where(lt(oauthFlows.expiresAt, now));
  await db.insert(oauthFlows).values({
    state,
    organizationId: actor.organizationId,
    userId: actor.userId,
    provider: o.provider,
    codeVerifier: pkce.verifier,
    reconnectMailboxId: o.reconnectMailboxId ?? null,
    expiresAt: new Date(now.getTime() + FLOW_TTL_MS),
  });
  return { url: authorizationUrl(cfg, { redirectUri: o.redirectUri, state, challenge: pkce.challenge, loginHint }) };
}

export type OAuthCallbackResult = { mailboxId: string; reconnected: boolean };

// The redirect back from the provider. The state is single-use and bound to the signed-in user.
export async function completeMailboxOAuth(
  db: Database,
  userId: string,
  o: { state: string; code?: string; error?: string; redirectUri: string; logger?: Logger; now?: Date },
): Promise<OAuthCallbackResult> {
  const [flow] = await db.delete(oauthFlows).where(eq(oauthFlows.state, o.state)).returning();
  if (!flow || flow.userId !== userId || flow.expiresAt.getTime() < (o.now ?? new Date()).getTime()) {
    throw new AppError('BAD_INPUT', 'This sign-in link has expired or was already used. Please start again.');
  }
  const provider = flow.provider as OAuthProviderId;
  const name = PROVIDER_NAME[provider];
  if (o.error || !o.code) {
    throw new AppError('BAD_INPUT', o.error === 'access_denied' ? `You declined access in ${name}, so nothing was connected.` : `${name} did not complete the sign-in.`);
  }
  const cfg = mailboxOAuthConfig(provider);
  if (!cfg) throw new AppError('UNAVAILABLE', oauthSetupHelp(provider));
  const actor: ConnectActor = { userId, organizationId: flow.organizationId };
  checkVerifyRateLimit(userId, 10);

  let tokens;
  try {
    tokens = await exchangeCode(cfg, { code: o.code, redirectUri: o.redirectUri, verifier: flow.codeVerifier });
  } catch (e) {
    throw new AppError('BAD_INPUT', classifyMailError(describeError(e, 'oauth')).message);
  }
  const email = accountEmail(tokens.idTokenClaims);
  if (!email) throw new AppError('BAD_INPUT', `${name} did not tell us which email address you signed in with. Please try again.`);
  if (!tokens.refreshToken) throw new AppError('BAD_INPUT', `${name} did not grant offline access, so the CRM could not keep your mailbox in sync. Please try again and allow access.`);

  const auth = { kind: 'xoauth2' as const, accessToken: tokens.accessToken };
  const verified = await verifyMailboxLogin({ ...cfg.imap, username: email, auth }, { ...cfg.smtp, username: email, auth }, { logger: o.logger, provider });
  if (!verified.ok) {
    await revokeToken(cfg, tokens.refreshToken);
    throw new AppError('BAD_INPUT', verified.message);
  }
  const creds = { v: 1 as const, kind: 'oauth' as const, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  const expiresAt = new Date(Date.now() + tokens.expiresIn * 1000);
  const hostPatch = {
    imapHost: cfg.imap.host,
    imapPort: cfg.imap.port,
    imapSecurity: cfg.imap.security,
    smtpHost: cfg.smtp.host,
    smtpPort: cfg.smtp.port,
    smtpSecurity: cfg.smtp.security,
    username: email,
    accessTokenExpiresAt: expiresAt,
  };

  // Reconnect: the same address is required; a different account is refused (PRODUCT #5).
  let targetId = flow.reconnectMailboxId;
  if (!targetId) {
    const [existing] = await db
      .select({ id: mailboxes.id, ownerUserId: mailboxes.ownerUserId, kind: mailboxes.kind })
      .from(mailboxes)
      .where(and(eq(mailboxes.organizationId, flow.organizationId), sql`${mailboxes.removedAt} is null`, sql`lower(${mailboxes.emailAddress}) = ${email.toLowerCase()}`))
      .limit(1);
    if (existing && existing.ownerUserId !== userId) {
      await revokeToken(cfg, tokens.refreshToken);
      throw new AppError('CONFLICT', `${email} is already connected by someone else in your organization.`);
    }
    if (existing) targetId = existing.id;
  }
  if (targetId) {
    const mailbox = await findOwnMailbox(db, actor, targetId);
    if (mailbox.emailAddress.toLowerCase() !== email.toLowerCase()) {
      await revokeToken(cfg, tokens.refreshToken);
      throw new AppError('BAD_INPUT', `You signed in as ${email}, but this mailbox is ${mailbox.emailAddress}. Sign in to ${name} with ${mailbox.emailAddress} to reconnect it.`);
    }
    await restoreMailbox(db, { organizationId: flow.organizationId, mailboxId: targetId }, hostPatch, creds);
    return { mailboxId: targetId, reconnected: true };
  }

  const id = crypto.randomUUID();
  await db.insert(mailboxes).values({
    id,
    organizationId: flow.organizationId,
    ownerUserId: userId,
    kind: provider,
    emailAddress: email,
    ...hostPatch,
    credentials: sealCredentials(secretBox(), { organizationId: flow.organizationId, mailboxId: id }, creds),
    ...INITIAL_MAILBOX_STATUS,
  });
  await db.insert(mailboxEvents).values({ organizationId: flow.organizationId, mailboxId: id, level: 'info', kind: 'connected', message: `Connected with ${name}.` });
  return { mailboxId: id, reconnected: false };
}
