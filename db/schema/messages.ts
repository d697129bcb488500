import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from './organizations';
import { mailboxes, mailboxFolders } from './mailboxes';

export type Address = { address: string; name?: string };

export const classificationEnum = pgEnum('mail_classification', ['normal', 'auto_reply', 'bounce', 'bulk']);

export const threads = pgTable(
  'thread',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    rootMessageId: text('root_message_id'),
    subject: text('subject'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('thread_org_idx').on(t.organizationId)],
);

// Message-IDs the CRM sent or logged: the set replies are matched against (PRODUCT #7).
export const trackedMessageIds = pgTable(
  'tracked_message_id',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    threadId: uuid('thread_id').notNull().references(() => threads.id, { onDelete: 'cascade' }),
    source: text('source').notNull(), // 'sent' | 'logged' | 'bcc' | 'reply'
    subject: text('subject'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tracked_message_id_uq').on(t.organizationId, t.messageId), index('tracked_thread_idx').on(t.threadId)],
);

// Every synced message: metadata (PRODUCT #17, 60 days) and, only for CRM threads, a body (PRODUCT #16, 7 days).
export const messages = pgTable(
  'message',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').notNull().references(() => mailboxes.id, { onDelete: 'cascade' }),
    folderId: uuid('folder_id').notNull().references(() => mailboxFolders.id, { onDelete: 'cascade' }),
    uidValidity: bigint('uid_validity', { mode: 'bigint' }).notNull(),
    uid: bigint('uid', { mode: 'number' }).notNull(),
    messageId: text('message_id').notNull(),
    inReplyTo: text('in_reply_to'),
    references: text('references').array(),
    threadIndex: text('thread_index'),
    subject: text('subject'),
    fromAddress: text('from_address'),
    fromName: text('from_name'),
    toAddresses: jsonb('to_addresses').$type<Address[]>(),
    ccAddresses: jsonb('cc_addresses').$type<Address[]>(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    internalDate: timestamp('internal_date', { withTimezone: true }),
    size: integer('size'),
    flags: text('flags').array(),
    modseq: bigint('modseq', { mode: 'bigint' }),
    threadId: uuid('thread_id'),
    classification: classificationEnum('classification').notNull().default('normal'),
    // Why the sync logged this message or not (shown on the mailbox health page).
    matchDecision: jsonb('match_decision'),
    bodyText: text('body_text'),
    bodyHtml: text('body_html'),
    bodyExpiresAt: timestamp('body_expires_at', { withTimezone: true }),
    failureCount: integer('failure_count').notNull().default(0),
    quarantineReason: text('quarantine_reason'),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
    vanishedAt: timestamp('vanished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('message_folder_uid_uq').on(t.folderId, t.uidValidity, t.uid),
    index('message_org_msgid_idx').on(t.organizationId, t.messageId),
    index('message_synced_idx').on(t.syncedAt),
    index('message_body_expiry_idx').on(t.bodyExpiresAt),
    // The sync's work list: CRM-thread messages of a folder (few) without scanning the folder's metadata.
    index('message_thread_pending_idx').on(t.folderId, t.uid).where(sql`${t.threadId} is not null and ${t.quarantineReason} is null`),
  ],
);

// References of a message, one row each, so "is any reference a tracked id" is an index lookup.
export const messageReferences = pgTable(
  'message_reference',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    messageRowId: bigint('message_row_id', { mode: 'number' }).notNull().references(() => messages.id, { onDelete: 'cascade' }),
    referencedId: text('referenced_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('message_reference_uq').on(t.messageRowId, t.position), index('message_reference_ref_idx').on(t.organizationId, t.referencedId)],
);

// Message-IDs whose metadata was purged: a resync or backfill must not bring them back (PRODUCT #17, no resurrection).
export const purgedMessageIds = pgTable(
  'purged_message_id',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').notNull(),
    messageId: text('message_id').notNull(),
    purgedAt: timestamp('purged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('purged_message_id_uq').on(t.mailboxId, t.messageId)],
);
