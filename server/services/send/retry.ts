import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { engagements, mailboxes, outbox } from '@/db/schema';
import { AppError } from '@/server/app-error';

// The timeline's Retry button (issue 6): a failed email goes back to the outbox with fresh attempts. Its
// Message-ID stays, so if an earlier attempt did reach the server the sent-folder check still stops a double.
export async function retryEmail(db: Database, actor: { organizationId: string; userId: string }, engagementId: string, enqueue?: (outboxId: string) => Promise<void>) {
  const [row] = await db
    .select({ outbox, mailbox: { status: mailboxes.status, emailAddress: mailboxes.emailAddress, credentials: mailboxes.credentials, removedAt: mailboxes.removedAt } })
    .from(outbox)
    .innerJoin(mailboxes, eq(mailboxes.id, outbox.mailboxId))
    .where(and(eq(outbox.engagementId, engagementId), eq(outbox.organizationId, actor.organizationId)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'Email not found.');
  if (row.outbox.status !== 'failed') return { outboxId: row.outbox.id, status: row.outbox.status };
  if (row.mailbox.removedAt) throw new AppError('CONFLICT', `${row.mailbox.emailAddress} was removed. Write the email again from a connected mailbox.`);
  if (row.mailbox.status === 'disconnected' || !row.mailbox.credentials) {
    throw new AppError('CONFLICT', `${row.mailbox.emailAddress} is still disconnected. Reconnect it in Settings → Email, then press Retry.`);
  }
  await db.transaction(async (tx) => {
    await tx.update(outbox).set({ status: 'queued', attempts: 0, nextAttemptAt: null, lastError: null }).where(and(eq(outbox.id, row.outbox.id), eq(outbox.status, 'failed')));
    await tx.update(engagements).set({ status: 'queued', failureReason: null }).where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, actor.organizationId)));
  });
  if (enqueue) await enqueue(row.outbox.id).catch(() => undefined);
  return { outboxId: row.outbox.id, status: 'queued' as const };
}
