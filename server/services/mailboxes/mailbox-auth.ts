import crypto from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, mailboxEvents, notifications } from '@/db/schema';
import { AppError } from '@/server/app-error';
import type { ImapTarget } from '@/server/adapters/imap-connect';
import type { SmtpTarget } from '@/server/adapters/smtp-connect';
import { MailGuardError } from '@/server/adapters/mail-network';
import { mailboxOAuthConfig, OAuthTokenError, refreshAccessToken, type MailboxOAuthConfig, type OAuthProviderId } from '@/server/adapters/mailbox-oauth-client';
import { secretBox, type SecretBox } from '@/server/adapters/secret-box';
import { classifyMailError, describeError, type ClassifiedError, type ErrorDescription } from '@/server/domain/errors/classify';
import { nextMailboxStatus, type MailboxStatusEvent, type MailboxStatusTransition } from '@/server/domain/errors/mailbox-status';
import { openCredentials, sealCredentials } from './credentials';

// Credentials for the sync engine and the sender (PRODUCT #2, #5, #19): decrypt, refresh OAuth tokens
// before expiry with one provider call per mailbox, and apply the status rules to failures and successes.

export type MailboxRow = Omit<typeof mailboxes.$inferSelect, 'credentials'>;
export type MailboxConnection = { imap: ImapTarget; smtp: SmtpTarget; mailbox: MailboxRow };

export type LoadOptions = {
  now?: () => Date;
  /** Refresh even if the access token looks valid (the provider refused it). */
  forceRefresh?: boolean;
  box?: SecretBox;
  oauthConfig?: (provider: OAuthProviderId) => MailboxOAuthConfig | null;
};

/** Refresh this long before the provider's expiry, so a sync never starts with a dying token. */
export const REFRESH_SKEW_MS = 5 * 60_000;

function withoutSecrets(row: typeof mailboxes.$inferSelect): MailboxRow {
  const { credentials: _omit, ...rest } = row;
  return rest;
}

/** The mailbox has no usable credentials (removed, or waiting for the user to reconnect). */
export class MailboxNeedsReconnectError extends AppError {
  constructor() {
    super('CONFLICT', 'This mailbox needs to be reconnected.');
  }
}

function targets(row: typeof mailboxes.$inferSelect, auth: ImapTarget['auth']): { imap: ImapTarget; smtp: SmtpTarget } {
  return {
    imap: { host: row.imapHost, port: row.imapPort, security: row.imapSecurity, username: row.username, auth },
    smtp: { host: row.smtpHost, port: row.smtpPort, security: row.smtpSecurity, username: row.username, auth },
  };
}

const needsRefresh = (row: typeof mailboxes.$inferSelect, now: Date) =>
  !row.accessTokenExpiresAt || row.accessTokenExpiresAt.getTime() - REFRESH_SKEW_MS <= now.getTime();

// Decrypts the mailbox's credentials; OAuth access tokens are refreshed under a row lock when due.
export async function loadMailboxConnection(db: Database, organizationId: string, mailboxId: string, opts: LoadOptions = {}): Promise<MailboxConnection> {
  const now = opts.now ?? (() => new Date());
  const box = opts.box ?? secretBox();
  const ids = { organizationId, mailboxId };
  const where = and(eq(mailboxes.id, mailboxId), eq(mailboxes.organizationId, organizationId), isNull(mailboxes.removedAt));
  const [row] = await db.select().from(mailboxes).where(where).limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'Mailbox not found.');
  if (!row.credentials) throw new MailboxNeedsReconnectError();

  const creds = openCredentials(box, ids, row.credentials);
  if (creds.kind === 'password') return { ...targets(row, { kind: 'password', password: creds.password }), mailbox: withoutSecrets(row) };
  if (!opts.forceRefresh && !needsRefresh(row, now())) {
    return { ...targets(row, { kind: 'xoauth2', accessToken: creds.accessToken }), mailbox: withoutSecrets(row) };
  }

  const provider = row.kind === 'imap' ? null : row.kind;
  const cfg = provider ? (opts.oauthConfig ?? mailboxOAuthConfig)(provider) : null;
  if (!cfg) throw new AppError('UNAVAILABLE', 'Sign-in with this provider is not configured. An administrator needs to set it up.');

  // The row lock makes concurrent callers wait; whoever comes second sees the fresh token and skips the call.
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(mailboxes).where(where).for('update');
    if (!locked?.credentials) throw new MailboxNeedsReconnectError();
    const current = openCredentials(box, ids, locked.credentials);
    if (current.kind !== 'oauth') throw new MailboxNeedsReconnectError();
    const refreshedByOther = locked.credentials !== row.credentials;
    if ((opts.forceRefresh ? !refreshedByOther : needsRefresh(locked, now())) === false) {
      return { ...targets(locked, { kind: 'xoauth2', accessToken: current.accessToken }), mailbox: withoutSecrets(locked) };
    }
    const tokens = await refreshAccessToken(cfg, current.refreshToken);
    // Microsoft rotates refresh tokens: the new one is stored in the same UPDATE as the access token.
    const next = { v: 1 as const, kind: 'oauth' as const, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? current.refreshToken };
    const [updated] = await tx
      .update(mailboxes)
      .set({ credentials: sealCredentials(box, ids, next), accessTokenExpiresAt: new Date(now().getTime() + tokens.expiresIn * 1000) })
      .where(eq(mailboxes.id, mailboxId))
      .returning();
    if (!updated) throw new MailboxNeedsReconnectError();
    return { ...targets(updated, { kind: 'xoauth2', accessToken: next.accessToken }), mailbox: withoutSecrets(updated) };
  });
}

function isClassified(e: unknown): e is ClassifiedError {
  const o = e as Partial<ClassifiedError> | null;
  return !!o && typeof o === 'object' && typeof o.kind === 'string' && typeof o.reason === 'string' && typeof o.retryable === 'boolean';
}

// One place that turns whatever a connect/sync threw into a kind (CONVENTIONS "Errors").
export function classifyFailure(error: unknown, source?: ErrorDescription['source']): ClassifiedError {
  if (isClassified(error)) return error;
  if (error instanceof MailGuardError) return { kind: 'host', reason: 'rejected', message: error.message, retryable: false };
  const src = source ?? (error instanceof OAuthTokenError ? 'oauth' : typeof (error as { command?: unknown })?.command === 'string' ? 'smtp' : 'imap');
  return classifyMailError(describeError(error, src));
}

export type RecordOptions = { now?: Date; random?: () => number; source?: ErrorDescription['source']; confirmed?: boolean; serverHintMs?: number };

async function applyStatusEvent(db: Database, mailboxId: string, event: MailboxStatusEvent, now: Date, random: () => number): Promise<MailboxStatusTransition & { mailboxId: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(mailboxes).where(eq(mailboxes.id, mailboxId)).for('update');
    if (!row) throw new AppError('NOT_FOUND', 'Mailbox not found.');
    const result = nextMailboxStatus(
      { status: row.status, statusKind: row.statusKind, statusReason: row.statusReason, failureCount: row.failureCount, retryAt: row.retryAt },
      event,
      { now, random, mailboxKind: row.kind },
    );
    if (result.changed) {
      await tx
        .update(mailboxes)
        .set({ ...result.state, ...(result.state.status !== row.status ? { statusChangedAt: now } : {}) })
        .where(eq(mailboxes.id, mailboxId));
    }
    if (event.type === 'failed' && result.changed) {
      await tx.insert(mailboxEvents).values({
        organizationId: row.organizationId,
        mailboxId,
        level: result.state.status === 'disconnected' ? 'error' : 'warn',
        kind: `failure:${event.error.kind}`,
        message: event.error.message,
        details: { reason: event.error.reason, status: result.state.status },
      });
    }
    if (result.notifyOwner) {
      await tx.insert(notifications).values({
        organizationId: row.organizationId,
        userId: row.ownerUserId,
        kind: 'mailbox_disconnected',
        message: `${row.emailAddress} was disconnected: ${result.state.statusReason ?? 'the provider refused the stored sign-in'}`,
        link: '/settings/email',
      });
    }
    return { ...result, mailboxId };
  });
}

// PRODUCT #5: only `auth` disconnects (after a confirmation retry); other kinds degrade with backoff.
export async function recordMailboxFailure(db: Database, mailboxId: string, error: unknown, opts: RecordOptions = {}) {
  const classified = classifyFailure(error, opts.source);
  const result = await applyStatusEvent(
    db,
    mailboxId,
    { type: 'failed', error: classified, confirmed: opts.confirmed, serverHintMs: opts.serverHintMs },
    opts.now ?? new Date(),
    opts.random ?? (() => crypto.randomInt(0, 1_000_000) / 1_000_000),
  );
  return { ...result, error: classified };
}

// PRODUCT #5: a successful login/sync brings a degraded mailbox back; a disconnected one waits for reconnect.
export async function recordMailboxSuccess(db: Database, mailboxId: string, opts: { now?: Date; event?: 'sync-started' | 'sync-caught-up' } = {}) {
  return applyStatusEvent(db, mailboxId, { type: opts.event ?? 'sync-caught-up' }, opts.now ?? new Date(), Math.random);
}
