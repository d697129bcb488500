import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { users } from './auth';

export const roleEnum = pgEnum('member_role', ['admin', 'rep']);

export const organizations = pgTable('organization', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  // Domain used for CRM-generated Message-IDs and the BCC logging address.
  domain: text('domain').notNull(),
  // Random local part of the BCC/forward logging address (PRODUCT "BCC logging address").
  loggingToken: text('logging_token').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

export const memberships = pgTable(
  'membership',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull().default('rep'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('membership_org_user_uq').on(t.organizationId, t.userId), index('membership_user_idx').on(t.userId)],
);

// Account-wide policy set by admins (PRODUCT #9, send limits, never-log list lives in its own table).
export const organizationPolicies = pgTable('organization_policy', {
  organizationId: uuid('organization_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  attachmentLoggingEnabled: boolean('attachment_logging_enabled').notNull().default(true),
  trustHtml: boolean('trust_html').notNull().default(false),
  sendLimitPerDay: integer('send_limit_per_day').notNull().default(1000),
  sendLimitPerMinute: integer('send_limit_per_minute').notNull().default(20),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const neverLogKindEnum = pgEnum('never_log_kind', ['address', 'domain']);

// Never-log list: organization-wide when user_id is null, personal otherwise.
export const neverLogRules = pgTable(
  'never_log_rule',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    kind: neverLogKindEnum('kind').notNull(),
    value: text('value').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('never_log_rule_uq').on(t.organizationId, sql`coalesce(${t.userId}, '')`, t.kind, t.value)],
);

// Addresses erased on request (GDPR): future syncs neither store nor log them.
export const suppressedAddresses = pgTable(
  'suppressed_address',
  {
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('suppressed_address_uq').on(t.organizationId, t.address)],
);

export const notifications = pgTable(
  'notification',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    link: text('link'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_user_idx').on(t.organizationId, t.userId, t.createdAt)],
);
