import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { attachments, engagements, mailboxes, outbox } from '@/db/schema';
import type { Logger } from '@/server/logger';
import { readBlob } from '@/server/adapters/blob-store-pg';
import { connectImap } from '@/server/adapters/imap-connect';
import { ensureSentCopy, sentCopyExists } from '@/server/adapters/imap-sent-folder';
import { buildRawMessage } from '@/server/adapters/mime-build';
import { sendRaw } from '@/server/adapters/smtp-send';
import { nextRetryAt } from '@/server/domain/errors/backoff';
import { classifyFailure, loadMailboxConnection, recordMailboxFailure, type MailboxConnection } from '@/server/services/mailboxes/mailbox-auth';

// The worker side of "Outbox, exactly once" (issue 6, PRODUCT #10):
//   claim (lease) → record the attempt → SMTP DATA → commit "accepted" → exactly one sent-folder copy → commit "sent".
// A retry of an attempt that may have reached the server first looks for the Message-ID in the sent folder.

/** Where a test may stop the worker (tests kill the process there with SIGKILL). */
export type PausePoint = 'before-smtp' | 'after-smtp-data' | 'before-commit';

export type DeliverDeps = {
  db: Database;
  logger?: Logger;
  now?: () => Date;
  random?: () => number;
  /** How long a claimed row is ours; a crashed worker's row is taken over after it. */
  leaseMs?: number;
  maxAttempts?: number;
  pause?: (point: PausePoint) => Promise<void>;
  loadConnection?: (db: Database, organizationId: string, mailboxId: string) => Promise<MailboxConnection>;
};

export type DeliverOutcome =
  | { status: 'sent'; resent: boolean; sentCopy: 'appended' | 'already-present' | 'pending' }
  | { status: 'retry'; at: Date; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'skipped' };

export const DEFAULT_LEASE_MS = 2 * 60_000;
export const DEFAULT_MAX_ATTEMPTS = 6;
type OutboxRow = typeof outbox.$inferSelect;
type ImapFlow = Awaited<ReturnType<typeof connectImap>>;

// Takes the row if it is due: queued and due, or "sending" whose lease ran out (a crashed worker).
async function claim(db: Database, id: string, now: Date, leaseMs: number): Promise<OutboxRow | undefined> {
  const [row] = await db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + leaseMs) })
    .where(
      and(
        eq(outbox.id, id),
        sql`((${outbox.status} = 'queued' and (${outbox.nextAttemptAt} is null or ${outbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz)) or (${outbox.status} = 'sending' and ${outbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz))`,
      ),
    )
    .returning();
  return row;
}

async function setEngagement(db: Database, row: OutboxRow, values: Partial<typeof engagements.$inferInsert>) {
  if (row.engagementId) await db.update(engagements).set(values).where(and(eq(engagements.id, row.engagementId), eq(engagements.organizationId, row.organizationId)));
}

async function fail(db: Database, row: OutboxRow, reason: string): Promise<DeliverOutcome> {
  await db.update(outbox).set({ status: 'failed', lastError: reason, nextAttemptAt: null }).where(eq(outbox.id, row.id));
  await setEngagement(db, row, { status: 'failed', failureReason: reason });
  return { status: 'failed', reason };
}

async function retryLater(deps: DeliverDeps, row: OutboxRow, reason: string, now: Date, clearAttempt: boolean): Promise<DeliverOutcome> {
  if (row.attempts >= (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return fail(deps.db, row, `We gave up after ${row.attempts} attempts. ${reason}`);
  const at = nextRetryAt(now, row.attempts - 1, deps.random ?? Math.random, { baseMs: 10_000, maxMs: 15 * 60_000 });
  await deps.db
    .update(outbox)
    .set({ status: 'queued', nextAttemptAt: at, lastError: reason, ...(clearAttempt ? { attemptStartedAt: null } : {}) })
    .where(eq(outbox.id, row.id));
  await setEngagement(deps.db, row, { status: 'queued', failureReason: null });
  return { status: 'retry', at, reason };
}

async function buildRaw(db: Database, row: OutboxRow, conn: MailboxConnection): Promise<Buffer> {
  const p = row.payload;
  const files = p.attachmentIds.length
    ? await db.select().from(attachments).where(and(eq(attachments.organizationId, row.organizationId), inArray(attachments.id, p.attachmentIds)))
    : [];
  const [eng] = row.engagementId ? await db.select({ fromName: engagements.fromName }).from(engagements).where(eq(engagements.id, row.engagementId)) : [];
  const parts = [];
  for (const f of files) parts.push({ filename: f.filename, contentType: f.mimeType, content: await readBlob(db, row.organizationId, f.blobId) });
  const name = eng?.fromName ?? conn.mailbox.displayName ?? undefined;
  return buildRawMessage({
    from: { address: conn.mailbox.emailAddress, ...(name ? { name } : {}) },
    to: p.to,
    cc: p.cc,
    subject: p.subject,
    html: p.html,
    text: p.text,
    messageId: row.messageId,
    inReplyTo: p.inReplyTo ?? null,
    references: p.references?.length ? p.references.map((id) => `<${id}>`).join(' ') : null,
    // The queued time, so every attempt writes the same Date header.
    date: row.createdAt,
    attachments: parts,
  });
}

const closeImap = async (c: ImapFlow | null) => {
  if (c) await c.logout().catch(() => c.close());
};

// Delivers one outbox row at most once; safe to call any number of times, from any number of workers.
export async function deliverOutbox(deps: DeliverDeps, outboxId: string): Promise<DeliverOutcome> {
  const { db } = deps;
  const clock = deps.now ?? (() => new Date());
  const pause = deps.pause ?? (async () => undefined);
  const row = await claim(db, outboxId, clock(), deps.leaseMs ?? DEFAULT_LEASE_MS);
  if (!row) return { status: 'skipped' };
  const log = deps.logger?.child({ outboxId: row.id, mailboxId: row.mailboxId, attempt: row.attempts });
  if (!row.smtpAcceptedAt) await setEngagement(db, row, { status: 'sending' });

  let conn: MailboxConnection;
  try {
    conn = await (deps.loadConnection ?? loadMailboxConnection)(db, row.organizationId, row.mailboxId);
  } catch (err) {
    const c = classifyFailure(err, 'oauth');
    if (c.kind === 'auth') await recordMailboxFailure(db, row.mailboxId, err, { source: 'oauth', confirmed: true }).catch(() => undefined);
    if (c.kind === 'auth' || (err as { code?: string }).code === 'CONFLICT' || (err as { code?: string }).code === 'NOT_FOUND') {
      return fail(db, row, `The mailbox is disconnected (${(err as Error).message || c.message}). Reconnect it in Settings → Email, then press Retry.`);
    }
    return retryLater(deps, row, c.message, clock(), false);
  }
  if (conn.mailbox.status === 'disconnected') {
    return fail(db, row, `${conn.mailbox.emailAddress} is disconnected${conn.mailbox.statusReason ? `: ${conn.mailbox.statusReason}` : ''}. Reconnect it in Settings → Email, then press Retry.`);
  }

  let imap: ImapFlow | null = null;
  const openImap = async () => (imap ??= await connectImap(conn.imap, { logger: log }));
  try {
    const raw = await buildRaw(db, row, conn);
    let resent = false;
    if (!row.smtpAcceptedAt) {
      // An earlier attempt got as far as SMTP and we never learnt the answer: did it arrive?
      const ambiguous = row.attemptStartedAt !== null && (await sentCopyExists(await openImap(), row.messageId, conn.mailbox.sentFolderPath));
      if (!ambiguous) {
        await db.update(outbox).set({ attemptStartedAt: clock() }).where(eq(outbox.id, row.id));
        await pause('before-smtp');
        const p = row.payload;
        const recipients = [...p.to, ...p.cc, ...p.bcc].map((a) => a.address);
        const sent = await sendRaw(conn.smtp, { from: conn.mailbox.emailAddress, recipients, raw });
        if (!sent.ok) {
          log?.warn({ kind: sent.error.kind, smtpCode: sent.smtpCode, notDelivered: sent.notDelivered }, 'smtp send failed');
          if (sent.error.kind === 'auth') {
            await recordMailboxFailure(db, row.mailboxId, sent.error, { source: 'smtp', confirmed: true }).catch(() => undefined);
            return fail(db, row, `The mail server refused the mailbox’s sign-in: ${sent.error.message} Reconnect it in Settings → Email, then press Retry.`);
          }
          if (sent.smtpCode !== null && sent.smtpCode >= 500) return fail(db, row, `The mail server refused this email (${sent.smtpCode}). ${sent.error.message}`);
          return retryLater(deps, row, `The mail server asked us to try again later${sent.smtpCode ? ` (${sent.smtpCode})` : ''}. ${sent.error.message}`, clock(), sent.notDelivered);
        }
        if (sent.accepted.length === 0) return fail(db, row, `The mail server refused every recipient: ${sent.rejected.join(', ')}.`);
        resent = true;
        await pause('after-smtp-data');
      }
      const acceptedAt = clock();
      await db.update(outbox).set({ smtpAcceptedAt: acceptedAt }).where(eq(outbox.id, row.id));
      await setEngagement(db, row, { status: 'sent', failureReason: null });
    }

    let sentCopy: 'appended' | 'already-present' | 'pending' = 'pending';
    try {
      const copy = await ensureSentCopy(await openImap(), { raw, messageId: row.messageId, date: row.createdAt, knownPath: conn.mailbox.sentFolderPath });
      sentCopy = copy.appended ? 'appended' : 'already-present';
      if (conn.mailbox.sentFolderPath !== copy.folder.path) {
        await db.update(mailboxes).set({ sentFolderPath: copy.folder.path }).where(eq(mailboxes.id, row.mailboxId));
      }
    } catch (err) {
      // The email is sent; only the copy is missing. Keep the row "sending" so a later pass adds it.
      const c = classifyFailure(err, 'imap');
      log?.warn({ kind: c.kind }, 'sent-folder copy failed');
      if (row.attempts < (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
        const at = nextRetryAt(clock(), row.attempts - 1, deps.random ?? Math.random, { baseMs: 10_000, maxMs: 15 * 60_000 });
        await db.update(outbox).set({ status: 'sending', nextAttemptAt: at, lastError: `Sent, but the copy in the Sent folder is not saved yet: ${c.message}` }).where(eq(outbox.id, row.id));
        return { status: 'sent', resent, sentCopy: 'pending' };
      }
    }
    await pause('before-commit');
    const done = clock();
    await db
      .update(outbox)
      .set({ status: 'sent', sentAt: done, nextAttemptAt: null, ...(sentCopy === 'pending' ? { lastError: 'Sent, but no copy could be saved in the Sent folder.' } : { sentFolderCopiedAt: done, lastError: null }) })
      .where(eq(outbox.id, row.id));
    await setEngagement(db, row, { status: 'sent', failureReason: null });
    log?.info({ resent, sentCopy }, 'outbox delivered');
    return { status: 'sent', resent, sentCopy };
  } catch (err) {
    // IMAP look-up or message build failed before SMTP: nothing left our hands, try again later.
    const c = classifyFailure(err);
    log?.warn({ kind: c.kind }, 'delivery attempt failed');
    if (c.kind === 'auth') {
      await recordMailboxFailure(db, row.mailboxId, err, { confirmed: true }).catch(() => undefined);
      return fail(db, row, `The mailbox’s sign-in was refused: ${c.message} Reconnect it in Settings → Email, then press Retry.`);
    }
    return retryLater(deps, row, c.message, clock(), false);
  } finally {
    await closeImap(imap);
  }
}

// Due rows (queued and due, or "sending" with an expired lease) for the worker's sweep.
export async function dueOutboxIds(db: Database, now: Date, limit = 50): Promise<string[]> {
  const rows = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(sql`(${outbox.status} = 'queued' and (${outbox.nextAttemptAt} is null or ${outbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz)) or (${outbox.status} = 'sending' and ${outbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz)`)
    .orderBy(outbox.createdAt)
    .limit(limit);
  return rows.map((r) => r.id);
}
