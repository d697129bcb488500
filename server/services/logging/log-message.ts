import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { attachments, contactEmails, contacts, engagements, organizationPolicies, threadCorrections, trackedMessageIds, type Address } from '@/db/schema';
import { putBlob } from '@/server/adapters/blob-store-pg';
import type { ParsedAttachment } from '@/server/adapters/mime-parse';
import { decideAttachments } from '@/server/domain/sync/attachment-policy';
import type { Classification } from '@/server/domain/sync/noise';
import { applyThreadCorrections, type CorrectionRow } from '@/server/domain/sync/apply-corrections';

// Turns one matched message into timeline engagements (PRODUCT #6, #8, #9): one per contact, keyed by
// `engagement_contact_message_uq` and inserted-or-ignored, so re-runs, retries and a second worker
// never duplicate anything. The message's own id is tracked so replies to this reply match too.

export type LogInput = {
  organizationId: string;
  mailboxId: string | null;
  kind: 'logged_reply' | 'bcc_logged';
  direction: 'inbound' | 'outbound';
  classification: Classification;
  threadId: string;
  /** Normalised Message-ID (no brackets). */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  from: Address | null;
  to: Address[];
  cc: Address[];
  occurredAt: Date;
  /** RFC822.SIZE of the whole email, for the 50 MB rule (PRODUCT #9). */
  totalSize: number;
  bodyText: string | null;
  bodyHtml: string | null;
  attachments: ParsedAttachment[];
  /** Attachments known to exist but not downloaded (the email was too large to fetch whole). */
  attachmentsNotFetched?: number;
  matchReason: unknown;
  contactIds: string[];
  createdByUserId?: string | null;
};

export type LogResult = {
  engagementIds: string[];
  /** Contacts that already had this message on their timeline. */
  alreadyLogged: number;
  attachmentsStored: number;
  attachmentsSkippedReason: string | null;
  droppedByCorrection: number;
};

const SKIP_TEXT: Record<string, string> = {
  'logging-off': 'Attachment logging is turned off for this account.',
  'email-too-large': 'The email is 50 MB or larger, so its attachments were not stored.',
};

export async function attachmentLoggingEnabled(db: Database, organizationId: string): Promise<boolean> {
  const [p] = await db.select({ on: organizationPolicies.attachmentLoggingEnabled }).from(organizationPolicies).where(eq(organizationPolicies.organizationId, organizationId));
  return p?.on ?? true;
}

// PRODUCT #6/#8/#9 and issue 5 "Logging": engagements, attachments (policy + 50 MB rule), tracked id.
export async function logMessage(db: Database, input: LogInput): Promise<LogResult> {
  const corrections = await db
    .select({ kind: threadCorrections.kind, fromContactId: threadCorrections.fromContactId, toContactId: threadCorrections.toContactId, toThreadId: threadCorrections.toThreadId })
    .from(threadCorrections)
    .where(and(eq(threadCorrections.organizationId, input.organizationId), eq(threadCorrections.messageId, input.messageId)));
  const corrected = applyThreadCorrections({ contactIds: input.contactIds, threadId: input.threadId }, corrections as CorrectionRow[]);

  const policyOn = await attachmentLoggingEnabled(db, input.organizationId);
  const metas = input.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, contentId: a.contentId, inline: a.inline }));
  const known = metas.length + (input.attachmentsNotFetched ?? 0);
  const decision = decideAttachments({ loggingEnabled: policyOn, totalSize: input.totalSize, attachments: metas });
  const skippedReason = !decision.store && known > 0 ? (SKIP_TEXT[decision.reason] ?? decision.reason) : null;

  // Which contacts still need this message (a re-run must not even re-store blobs for them).
  const existing = corrected.contactIds.length
    ? await db
        .select({ contactId: engagements.contactId })
        .from(engagements)
        .where(and(eq(engagements.organizationId, input.organizationId), eq(engagements.messageId, input.messageId), inArray(engagements.contactId, corrected.contactIds)))
    : [];
  const done = new Set(existing.map((e) => e.contactId));
  const todo = corrected.contactIds.filter((c) => !done.has(c));

  // Blobs first, outside the transaction: content-addressed, so a crash here leaves nothing to undo.
  const stored: { blobId: string; a: ParsedAttachment }[] = [];
  if (decision.store && todo.length > 0) {
    for (const a of input.attachments) stored.push({ blobId: (await putBlob(db, input.organizationId, a.content)).blobId, a });
  }

  const engagementIds = await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const contactId of todo) {
      const [row] = await tx
        .insert(engagements)
        .values({
          organizationId: input.organizationId,
          contactId,
          threadId: corrected.threadId,
          mailboxId: input.mailboxId,
          kind: input.kind,
          status: 'logged',
          direction: input.direction,
          classification: input.classification,
          messageId: input.messageId,
          inReplyTo: input.inReplyTo,
          references: input.references,
          subject: input.subject,
          fromAddress: input.from?.address ?? '',
          fromName: input.from?.name ?? null,
          toAddresses: input.to,
          ccAddresses: input.cc,
          bodyText: input.bodyText,
          bodyHtml: input.bodyHtml,
          occurredAt: input.occurredAt,
          matchReason: input.matchReason as object,
          attachmentsSkippedReason: skippedReason,
          createdByUserId: input.createdByUserId ?? null,
        })
        .onConflictDoNothing({ target: [engagements.organizationId, engagements.contactId, engagements.messageId] })
        .returning({ id: engagements.id });
      if (!row) continue;
      ids.push(row.id);
      if (stored.length > 0) {
        await tx.insert(attachments).values(
          stored.map(({ blobId, a }) => ({
            organizationId: input.organizationId,
            engagementId: row.id,
            blobId,
            filename: a.filename.slice(0, 255),
            mimeType: a.contentType.slice(0, 255),
            size: a.size,
            contentId: a.contentId,
            isInline: a.inline,
          })),
        );
      }
    }
    // Replies to this reply must match too (issue 5): its own id joins the tracked set.
    await tx
      .insert(trackedMessageIds)
      .values({ organizationId: input.organizationId, messageId: input.messageId, threadId: corrected.threadId, source: input.kind === 'bcc_logged' ? 'bcc' : 'reply', subject: input.subject })
      .onConflictDoNothing();
    return ids;
  });

  return {
    engagementIds,
    alreadyLogged: done.size,
    attachmentsStored: engagementIds.length > 0 ? stored.length : 0,
    attachmentsSkippedReason: skippedReason,
    droppedByCorrection: input.contactIds.length - corrected.contactIds.length,
  };
}

// Contacts (not deleted) owning any of the given normalised addresses: address → contact id.
export async function contactsByAddress(db: Database, organizationId: string, addresses: readonly string[]): Promise<Map<string, string>> {
  if (addresses.length === 0) return new Map();
  const rows = await db
    .select({ email: sql<string>`lower(${contactEmails.email})`, contactId: contactEmails.contactId })
    .from(contactEmails)
    .innerJoin(contacts, eq(contacts.id, contactEmails.contactId))
    .where(and(eq(contactEmails.organizationId, organizationId), isNull(contacts.deletedAt), inArray(sql`lower(${contactEmails.email})`, [...addresses])));
  return new Map(rows.map((r) => [r.email, r.contactId]));
}
