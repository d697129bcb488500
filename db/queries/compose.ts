import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { attachments, engagements, mailboxes, organizations, outbox } from '@/db/schema';

// Read side of the composer (issue 6). Every query takes the organization id.

// "My connected mailboxes", oldest first: the composer's default is the first that is not disconnected.
export async function listMyMailboxes(db: Database, organizationId: string, userId: string) {
  return db
    .select({ id: mailboxes.id, emailAddress: mailboxes.emailAddress, displayName: mailboxes.displayName, status: mailboxes.status, statusReason: mailboxes.statusReason })
    .from(mailboxes)
    .where(and(eq(mailboxes.organizationId, organizationId), eq(mailboxes.ownerUserId, userId), isNull(mailboxes.removedAt)))
    .orderBy(asc(mailboxes.createdAt), asc(mailboxes.id));
}

// The email a reply answers: its headers and participants (PRODUCT #11 nudge), scoped to the organization.
export async function getReplyParent(db: Database, organizationId: string, engagementId: string) {
  const [row] = await db
    .select({
      id: engagements.id,
      contactId: engagements.contactId,
      subject: engagements.subject,
      messageId: engagements.messageId,
      fromAddress: engagements.fromAddress,
      fromName: engagements.fromName,
      toAddresses: engagements.toAddresses,
      ccAddresses: engagements.ccAddresses,
      bodyText: engagements.bodyText,
      occurredAt: engagements.occurredAt,
      direction: engagements.direction,
    })
    .from(engagements)
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, organizationId), isNull(engagements.deletedAt)))
    .limit(1);
  return row;
}

// Delivery status of emails sent from the CRM, for the composer's queued → sent/failed feedback.
export async function sendStatuses(db: Database, organizationId: string, engagementIds: string[]) {
  if (engagementIds.length === 0) return [];
  return db
    .select({ engagementId: engagements.id, status: engagements.status, failureReason: engagements.failureReason, attempts: outbox.attempts, lastError: outbox.lastError, nextAttemptAt: outbox.nextAttemptAt, sentAt: outbox.sentAt })
    .from(engagements)
    .leftJoin(outbox, eq(outbox.engagementId, engagements.id))
    .where(and(eq(engagements.organizationId, organizationId), inArray(engagements.id, engagementIds)));
}

export async function getLoggingToken(db: Database, organizationId: string) {
  const [row] = await db.select({ token: organizations.loggingToken }).from(organizations).where(eq(organizations.id, organizationId));
  return row?.token ?? null;
}

export async function getUploadedAttachment(db: Database, organizationId: string, attachmentId: string) {
  const [row] = await db.select().from(attachments).where(and(eq(attachments.id, attachmentId), eq(attachments.organizationId, organizationId))).limit(1);
  return row;
}
