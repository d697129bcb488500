import { bigint, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organizations } from './organizations';
import { users } from './auth';

export const mailboxKindEnum = pgEnum('mailbox_kind', ['google', 'microsoft', 'imap']);
export const mailboxStatusEnum = pgEnum('mailbox_status', ['connecting', 'syncing', 'connected', 'degraded', 'disconnected']);
export const transportSecurityEnum = pgEnum('transport_security', ['tls', 'starttls', 'none']);
// One place for error kinds (CONVENTIONS "Errors"): only `auth` disconnects a mailbox.
export const errorKindEnum = pgEnum('error_kind', ['auth', 'tls', 'host', 'network', 'throttled', 'permanent']);

export const mailboxes = pgTable(
  'mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    ownerUserId: text('owner_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: mailboxKindEnum('kind').notNull(),
    emailAddress: text('email_address').notNull(),
    displayName: text('display_name'),
    status: mailboxStatusEnum('status').notNull().default('connecting'),
    statusKind: errorKindEnum('status_kind'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    imapHost: text('imap_host').notNull(),
    imapPort: integer('imap_port').notNull(),
    imapSecurity: transportSecurityEnum('imap_security').notNull(),
    smtpHost: text('smtp_host').notNull(),
    smtpPort: integer('smtp_port').notNull(),
    smtpSecurity: transportSecurityEnum('smtp_security').notNull(),
    username: text('username').notNull(),
    // Encrypted envelope (PRODUCT #19): password or OAuth tokens as JSON, AES-256-GCM, AAD-bound to this row.
    credentials: text('credentials'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    sentFolderPath: text('sent_folder_path'),
    sendLimitPerDay: integer('send_limit_per_day'),
    sendLimitPerMinute: integer('send_limit_per_minute'),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
    failureCount: integer('failure_count').notNull().default(0),
    retryAt: timestamp('retry_at', { withTimezone: true }),
    // Lease: exactly one worker syncs a mailbox at a time; an expired lease is taken over.
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    check('mailbox_credentials_envelope', sql`${t.credentials} is null or ${t.credentials} ~ '^mrx1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$'`),
    index('mailbox_org_owner_idx').on(t.organizationId, t.ownerUserId),
    uniqueIndex('mailbox_org_address_uq').on(t.organizationId, sql`lower(${t.emailAddress})`).where(sql`${t.removedAt} is null`),
  ],
);

export const folderStageEnum = pgEnum('folder_stage', ['initial', 'incremental', 'rebuild']);
export const folderRoleEnum = pgEnum('folder_role', ['inbox', 'sent', 'other']);

// Durable per-folder sync cursor (Twenty's model): survives restarts and worker hand-over.
export const mailboxFolders = pgTable(
  'mailbox_folder',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').notNull().references(() => mailboxes.id, { onDelete: 'cascade' }),
    path: text('path').notNull(),
    role: folderRoleEnum('role').notNull().default('other'),
    uidValidity: bigint('uid_validity', { mode: 'bigint' }),
    uidNext: bigint('uid_next', { mode: 'number' }),
    lastUid: bigint('last_uid', { mode: 'number' }).notNull().default(0),
    highestModseq: bigint('highest_modseq', { mode: 'bigint' }),
    stage: folderStageEnum('stage').notNull().default('initial'),
    messagesTotal: integer('messages_total').notNull().default(0),
    messagesSynced: integer('messages_synced').notNull().default(0),
    failureCount: integer('failure_count').notNull().default(0),
    retryAt: timestamp('retry_at', { withTimezone: true }),
    lastError: text('last_error'),
    lastFlagSweepAt: timestamp('last_flag_sweep_at', { withTimezone: true }),
    lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mailbox_folder_path_uq').on(t.mailboxId, t.path)],
);

export const eventLevelEnum = pgEnum('event_level', ['info', 'warn', 'error']);

// Recent sync events and errors for the mailbox health page. Never holds mail content.
export const mailboxEvents = pgTable(
  'mailbox_event',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    mailboxId: uuid('mailbox_id').notNull().references(() => mailboxes.id, { onDelete: 'cascade' }),
    level: eventLevelEnum('level').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_event_mailbox_idx').on(t.mailboxId, t.createdAt)],
);

// Short-lived state of an OAuth connect/reconnect flow (PKCE verifier and CSRF state).
export const oauthFlows = pgTable('oauth_flow', {
  state: text('state').primaryKey(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  provider: mailboxKindEnum('provider').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  reconnectMailboxId: uuid('reconnect_mailbox_id'),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
