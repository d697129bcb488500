import { bigint, boolean, customType, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from './organizations';
import { contacts } from './contacts';
import { mailboxes } from './mailboxes';
import { users } from './auth';
import { classificationEnum, threads, type Address } from './messages';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const engagementKindEnum = pgEnum('engagement_kind', ['sent_from_timeline', 'sequence', 'logged_reply', 'bcc_logged']);
export const engagementStatusEnum = pgEnum('engagement_status', ['queued', 'sending', 'sent', 'failed', 'logged']);
export const directionEnum = pgEnum('direction', ['inbound', 'outbound']);

// A timeline entry on one contact. Keeps its own copy of the email (PRODUCT #8, #16).
export const engagements = pgTable(
  'engagement',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id').notNull().references(() => contacts.id, { onDelete: 'cascade' }),
    threadId: uuid('thread_id').references(() => threads.id, { onDelete: 'set null' }),
    mailboxId: uuid('mailbox_id').references(() => mailboxes.id, { onDelete: 'set null' }),
    kind: engagementKindEnum('kind').notNull(),
    status: engagementStatusEnum('status').notNull(),
    direction: directionEnum('direction').notNull(),
    classification: classificationEnum('classification').notNull().default('normal'),
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array(),
    subject: text('subject').notNull().default(''),
    fromAddress: text('from_address').notNull(),
    fromName: text('from_name'),
    toAddresses: jsonb('to_addresses').$type<Address[]>().notNull().default([]),
    ccAddresses: jsonb('cc_addresses').$type<Address[]>().notNull().default([]),
    bodyText: text('body_text'),
    bodyHtml: text('body_html'),
    // Why the body is gone, when it is (erased, expired); the timeline shows a placeholder.
    bodyRemovedReason: text('body_removed_reason'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    // "Why is this here?": which header matched which CRM id, or which fallback rule.
    matchReason: jsonb('match_reason'),
    attachmentsSkippedReason: text('attachments_skipped_reason'),
    failureReason: text('failure_reason'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(body_text, ''))`,
    ),
  },
  (t) => [
    // One engagement per message per contact: every re-run, retry and second worker is harmless.
    uniqueIndex('engagement_contact_message_uq').on(t.organizationId, t.contactId, t.messageId),
    index('engagement_timeline_idx').on(t.organizationId, t.contactId, t.occurredAt.desc(), t.id.desc()),
    index('engagement_thread_idx').on(t.threadId),
    index('engagement_deleted_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`),
    index('engagement_search_idx').using('gin', t.searchVector),
  ],
);

// Content-addressed file bytes, shared by every engagement that carries the same file.
export const blobs = pgTable(
  'blob',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    complete: boolean('complete').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('blob_org_sha_uq').on(t.organizationId, t.sha256)],
);

// Bytes in 256 KB chunks so reads and writes stream instead of holding 50 MB buffers.
export const blobChunks = pgTable(
  'blob_chunk',
  {
    blobId: uuid('blob_id').notNull().references(() => blobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [uniqueIndex('blob_chunk_uq').on(t.blobId, t.seq)],
);

export const attachments = pgTable(
  'attachment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    engagementId: uuid('engagement_id').references(() => engagements.id, { onDelete: 'cascade' }),
    blobId: uuid('blob_id').notNull().references(() => blobs.id),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    contentId: text('content_id'),
    isInline: boolean('is_inline').notNull().default(false),
    uploadedByUserId: text('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachment_engagement_idx').on(t.engagementId), index('attachment_blob_idx').on(t.blobId)],
);

export const correctionKindEnum = pgEnum('correction_kind', ['split', 'merge', 'move', 'remove']);

// Thread corrections made by reps; later syncs consult these before logging (issue "Thread correction").
export const threadCorrections = pgTable(
  'thread_correction',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    kind: correctionKindEnum('kind').notNull(),
    fromContactId: uuid('from_contact_id'),
    toContactId: uuid('to_contact_id'),
    toThreadId: uuid('to_thread_id'),
    createdByUserId: text('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('thread_correction_msg_idx').on(t.organizationId, t.messageId)],
);
