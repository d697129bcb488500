import type { Database } from '@/db/client';
import { AppError } from '@/server/app-error';
import { connectImap } from '@/server/adapters/imap-connect';
import type { Logger } from '@/server/logger';
import { classifyFailure, loadMailboxConnection, recordMailboxFailure, recordMailboxSuccess } from './mailbox-auth';
import { findOwnMailbox, type ConnectActor } from './connect-mailbox';

// PRODUCT #5 "Check connection now": a real IMAP login with the stored credentials. An auth refusal is
// confirmed by one more attempt (with a fresh OAuth token) before the mailbox counts as disconnected.

export type CheckOptions = { confirmDelayMs?: number; logger?: Logger; timeoutMs?: number };

async function loginOnce(db: Database, organizationId: string, mailboxId: string, forceRefresh: boolean, opts: CheckOptions) {
  const conn = await loadMailboxConnection(db, organizationId, mailboxId, { forceRefresh });
  const client = await connectImap(conn.imap, { logger: opts.logger, timeoutMs: opts.timeoutMs });
  await client.logout().catch(() => client.close());
}

// Returns the error of the attempt, or null on success; AppErrors (not found, needs reconnect) propagate.
async function attempt(db: Database, organizationId: string, mailboxId: string, forceRefresh: boolean, opts: CheckOptions): Promise<unknown> {
  try {
    await loginOnce(db, organizationId, mailboxId, forceRefresh, opts);
    return null;
  } catch (e) {
    if (e instanceof AppError) throw e;
    return e;
  }
}

export async function checkMailboxConnection(db: Database, actor: ConnectActor, mailboxId: string, opts: CheckOptions = {}) {
  const mailbox = await findOwnMailbox(db, actor, mailboxId);
  if (mailbox.status === 'disconnected') return { status: mailbox.status, statusReason: mailbox.statusReason };
  let first = await attempt(db, actor.organizationId, mailboxId, false, opts);
  // A cached OAuth token can be revoked before it expires: refresh before judging the sign-in. The
  // refresh then fails with the provider's reason (revoked grant) instead of IMAP's bare "no".
  if (first !== null && mailbox.kind !== 'imap' && classifyFailure(first).kind === 'auth') {
    first = await attempt(db, actor.organizationId, mailboxId, true, opts);
  }
  if (first === null) {
    // A login alone does not mean the sync caught up: only a degraded mailbox is brought back here.
    if (mailbox.status === 'degraded') await recordMailboxSuccess(db, mailboxId);
    return current(db, actor, mailboxId);
  }
  await recordMailboxFailure(db, mailboxId, first);
  if (classifyFailure(first).kind === 'auth') {
    await new Promise((r) => setTimeout(r, opts.confirmDelayMs ?? 1_500));
    const second = await attempt(db, actor.organizationId, mailboxId, mailbox.kind !== 'imap', opts);
    if (second === null) await recordMailboxSuccess(db, mailboxId);
    else await recordMailboxFailure(db, mailboxId, second);
  }
  return current(db, actor, mailboxId);
}

async function current(db: Database, actor: ConnectActor, mailboxId: string) {
  const row = await findOwnMailbox(db, actor, mailboxId);
  return { status: row.status, statusReason: row.statusReason };
}
