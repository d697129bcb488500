import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, boolean } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { mailboxes } from './mailboxes';
import { users } from './auth';
import { engagements } from './engagements';

export const outboxStatusEnum = pgEnum('outbox_status', ['queued', 'sending', 'sent', 'failed']);

export type OutboxPayload = {
  to: { address: string; name?: string }[];
  cc: { address: string; name?: string }[];
  bcc: { address: string; name?: string }[];
  subject: string;
  html: string;
  text: string;
  inReplyTo?: string;
  references?: string[];
  attachmentIds: string[];
};

// Exactly-once sending: the web writes a row, a worker job delivers it (issue "Outbox, exactly once").
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').notNull().references(() => mailboxes.id, { onDelete: 'cascade' }),
    engagementId: uuid('engagement_id').references(() => engagements.id, { onDelete: 'set null' }),
    createdByUserId: text('created_by_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    idempotencyKey: text('idempotency_key').notNull(),
    messageId: text('message_id').notNull(),
    status: outboxStatusEnum('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    // Set before SMTP DATA: a retry after this point must look for the Message-ID before re-sending.
    attemptStartedAt: timestamp('attempt_started_at', { withTimezone: true }),
    smtpAcceptedAt: timestamp('smtp_accepted_at', { withTimezone: true }),
    sentFolderCopiedAt: timestamp('sent_folder_copied_at', { withTimezone: true }),
    lastError: text('last_error'),
    payload: jsonb('payload').$type<OutboxPayload>().notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.organizationId, t.idempotencyKey),
    uniqueIndex('outbox_message_id_uq').on(t.messageId),
    index('outbox_mailbox_created_idx').on(t.mailboxId, t.createdAt),
  ],
);

export const templates = pgTable(
  'template',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    ownerUserId: text('owner_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    subject: text('subject').notNull(),
    bodyHtml: text('body_html').notNull(),
    shared: boolean('shared').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('template_org_idx').on(t.organizationId, t.ownerUserId)],
);

// Each retention purge run, with the rule it enforced and what it removed (admin retention panel).
export const retentionRuns = pgTable('retention_run', {
  id: uuid('id').primaryKey().defaultRandom(),
  rule: text('rule').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  removed: integer('removed').notNull().default(0),
  details: jsonb('details'),
});
