import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, mailboxEvents } from '@/db/schema';
import { AppError } from '@/server/app-error';
import { mailNetworkPolicy } from '@/server/adapters/mail-network';
import { secretBox } from '@/server/adapters/secret-box';
import { parseConnectionSettings, type ConnectionSettings } from '@/server/domain/connect/connection-settings';
import { presetForEmail } from '@/server/domain/connect/provider-presets';
import { INITIAL_MAILBOX_STATUS } from '@/server/domain/errors/mailbox-status';
import type { ProviderHint } from '@/server/domain/errors/classify';
import type { Logger } from '@/server/logger';
import { sealCredentials, type MailboxCredentials } from './credentials';
import { checkVerifyRateLimit } from './verify-rate-limit';
import { verifyMailboxLogin, type VerifyResult } from './verify-connection';

// PRODUCT #2, #4, #5: connect and reconnect a password (IMAP/SMTP) mailbox. Nothing is saved until
// both logins succeeded; a reconnect keeps the same row (history, folders and cursors stay).

export type ConnectActor = { userId: string; organizationId: string };
export type ConnectDeps = { verifyLimit?: number; logger?: Logger };

export function connectionOptions() {
  const policy = mailNetworkPolicy();
  return { extraAllowedPorts: policy.extraPorts, allowInsecure: policy.allowInsecure };
}

function parseOrThrow(input: unknown): ConnectionSettings {
  const parsed = parseConnectionSettings(input, connectionOptions());
  if (!parsed.ok) {
    const fields = Object.fromEntries(Object.entries(parsed.fieldErrors).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const first = Object.values(fields)[0] ?? 'Check the highlighted fields.';
    throw new AppError('BAD_INPUT', parsed.pop3 ? first : 'Check the highlighted fields.', fields);
  }
  return parsed.value;
}

function throwVerifyFailure(result: Extract<VerifyResult, { ok: false }>): never {
  throw new AppError('BAD_INPUT', result.message, result.field ? { [result.field]: result.message } : undefined);
}

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export async function verifySettings(settings: ConnectionSettings, logger?: Logger): Promise<void> {
  const auth = { kind: 'password' as const, password: settings.password };
  const provider = presetForEmail(settings.email)?.id as ProviderHint | undefined;
  const result = await verifyMailboxLogin(
    { host: settings.imapHost, port: settings.imapPort, security: settings.imapSecurity, username: settings.username, auth },
    { host: settings.smtpHost, port: settings.smtpPort, security: settings.smtpSecurity, username: settings.username, auth },
    { provider, logger },
  );
  if (!result.ok) throwVerifyFailure(result);
}

async function findActiveByAddress(db: Database, organizationId: string, email: string) {
  const [row] = await db
    .select({ id: mailboxes.id, ownerUserId: mailboxes.ownerUserId })
    .from(mailboxes)
    .where(and(eq(mailboxes.organizationId, organizationId), isNull(mailboxes.removedAt), sql`lower(${mailboxes.emailAddress}) = ${email.toLowerCase()}`))
    .limit(1);
  return row;
}

function alreadyConnected(ownedByActor: boolean): AppError {
  const message = ownedByActor
    ? 'This address is already connected. Use Reconnect on it in the list below.'
    : 'This address is already connected by someone else in your organization.';
  return new AppError('CONFLICT', message, { email: message });
}

// Issue 4 "Other (IMAP/SMTP)": validate, verify for real, then save with encrypted credentials.
export async function connectPasswordMailbox(db: Database, actor: ConnectActor, input: unknown, deps: ConnectDeps = {}) {
  const settings = parseOrThrow(input);
  const existing = await findActiveByAddress(db, actor.organizationId, settings.email);
  if (existing) throw alreadyConnected(existing.ownerUserId === actor.userId);
  checkVerifyRateLimit(actor.userId, deps.verifyLimit ?? 10);
  await verifySettings(settings, deps.logger);

  const id = crypto.randomUUID();
  const credentials = sealCredentials(secretBox(), { organizationId: actor.organizationId, mailboxId: id }, { v: 1, kind: 'password', password: settings.password });
  try {
    const [row] = await db
      .insert(mailboxes)
      .values({
        id,
        organizationId: actor.organizationId,
        ownerUserId: actor.userId,
        kind: 'imap',
        emailAddress: settings.email,
        imapHost: settings.imapHost,
        imapPort: settings.imapPort,
        imapSecurity: settings.imapSecurity,
        smtpHost: settings.smtpHost,
        smtpPort: settings.smtpPort,
        smtpSecurity: settings.smtpSecurity,
        username: settings.username,
        credentials,
        ...INITIAL_MAILBOX_STATUS,
      })
      .returning({ id: mailboxes.id });
    await db.insert(mailboxEvents).values({ organizationId: actor.organizationId, mailboxId: id, level: 'info', kind: 'connected', message: 'Mailbox connected.' });
    return { id: row!.id };
  } catch (e) {
    if ((e as { code?: string }).code === '23505') throw alreadyConnected(true);
    throw e;
  }
}

/** The actor's own, not-removed mailbox; another organization's or user's id is simply not found. */
export async function findOwnMailbox(db: Database, actor: ConnectActor, mailboxId: string) {
  const [row] = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.organizationId, actor.organizationId), isNull(mailboxes.removedAt)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'Mailbox not found.');
  if (row.ownerUserId !== actor.userId) throw new AppError('FORBIDDEN', 'Only the mailbox’s owner can change its connection.');
  return row;
}

/** PRODUCT #5 reconnect: new credentials (and settings) on the same row; status starts over, cursors stay. */
export async function restoreMailbox(
  db: Database,
  ids: { organizationId: string; mailboxId: string },
  patch: Partial<Pick<typeof mailboxes.$inferInsert, 'imapHost' | 'imapPort' | 'imapSecurity' | 'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'username' | 'accessTokenExpiresAt'>>,
  creds: MailboxCredentials,
) {
  const credentials = sealCredentials(secretBox(), ids, creds);
  await db.transaction(async (tx) => {
    await tx
      .update(mailboxes)
      .set({ ...patch, credentials, ...INITIAL_MAILBOX_STATUS, statusChangedAt: new Date() })
      .where(and(eq(mailboxes.id, ids.mailboxId), eq(mailboxes.organizationId, ids.organizationId)));
    await tx.insert(mailboxEvents).values({ ...ids, level: 'info', kind: 'reconnected', message: 'Mailbox reconnected.' });
  });
}

export async function reconnectPasswordMailbox(db: Database, actor: ConnectActor, mailboxId: string, input: unknown, deps: ConnectDeps = {}) {
  const mailbox = await findOwnMailbox(db, actor, mailboxId);
  if (mailbox.kind !== 'imap') throw new AppError('BAD_INPUT', 'Reconnect this mailbox with its Google or Microsoft button.');
  const settings = parseOrThrow(input);
  if (!sameAddress(settings.email, mailbox.emailAddress)) {
    const message = `This is a different account. To restore this mailbox, sign in as ${mailbox.emailAddress}; to add another address, use “Connect a mailbox”.`;
    throw new AppError('BAD_INPUT', message, { email: message });
  }
  checkVerifyRateLimit(actor.userId, deps.verifyLimit ?? 10);
  await verifySettings(settings, deps.logger);
  const { imapHost, imapPort, imapSecurity, smtpHost, smtpPort, smtpSecurity, username } = settings;
  await restoreMailbox(
    db,
    { organizationId: actor.organizationId, mailboxId },
    { imapHost, imapPort, imapSecurity, smtpHost, smtpPort, smtpSecurity, username },
    { v: 1, kind: 'password', password: settings.password },
  );
  return { id: mailboxId };
}
