import { z } from 'zod';
import { listMailboxes } from '@/db/queries/mailboxes';
import { env } from '@/server/env';
import { createLogger } from '@/server/logger';
import { checkMailboxConnection } from '@/server/services/mailboxes/check-mailbox';
import { connectPasswordMailbox, reconnectPasswordMailbox } from '@/server/services/mailboxes/connect-mailbox';
import { oauthAvailability, startMailboxOAuth } from '@/server/services/mailboxes/oauth-connect';
import { removeMailbox } from '@/server/services/mailboxes/remove-mailbox';
import { protectedProcedure, router } from '../trpc';

// Settings → Email (issue 4). Outputs are explicit and never carry credentials (PRODUCT #19).

const security = z.enum(['tls', 'starttls', 'none']);
const statusEnum = z.enum(['connecting', 'syncing', 'connected', 'degraded', 'disconnected']);

// Loose transport bounds only: the domain schema gives each field its own plain message (10 KB included).
const text = z.string().max(20_000).optional();
const portInput = z.union([z.number(), z.string().max(400)]).optional();
const settingsInput = z.object({
  email: text,
  imapHost: text,
  imapPort: portInput,
  imapSecurity: text,
  smtpHost: text,
  smtpPort: portInput,
  smtpSecurity: text,
  username: text,
  password: text,
});

const mailboxItem = z.object({
  id: z.string(),
  kind: z.enum(['google', 'microsoft', 'imap']),
  emailAddress: z.string(),
  ownerUserId: z.string(),
  ownerName: z.string().nullable(),
  isMine: z.boolean(),
  status: statusEnum,
  statusKind: z.enum(['auth', 'tls', 'host', 'network', 'throttled', 'permanent']).nullable(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.date(),
  lastSyncedAt: z.date().nullable(),
  retryAt: z.date().nullable(),
  createdAt: z.date(),
  messagesSynced: z.number(),
  messagesTotal: z.number(),
  folders: z.number(),
  settings: z
    .object({ imapHost: z.string(), imapPort: z.number(), imapSecurity: security, smtpHost: z.string(), smtpPort: z.number(), smtpSecurity: security, username: z.string() })
    .nullable(),
});

const logger = createLogger({ name: 'mailboxes' });
const callbackUrl = () => `${env().APP_URL.replace(/\/$/, '')}/api/mailbox-oauth/callback`;

export const mailboxesRouter = router({
  list: protectedProcedure
    .input(z.object({}).optional())
    .output(z.array(mailboxItem))
    .query(({ ctx }) => listMailboxes(ctx.db, ctx.actor.organizationId, { userId: ctx.actor.userId, role: ctx.actor.role })),

  oauthProviders: protectedProcedure
    .input(z.object({}).optional())
    .output(z.array(z.object({ provider: z.enum(['google', 'microsoft']), configured: z.boolean(), help: z.string().nullable() })))
    .query(() => oauthAvailability()),

  connectPassword: protectedProcedure
    .input(settingsInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => connectPasswordMailbox(ctx.db, ctx.actor, input, { verifyLimit: env().MAILBOX_VERIFY_RATE_LIMIT, logger })),

  reconnectPassword: protectedProcedure
    .input(z.object({ mailboxId: z.uuid(), settings: settingsInput }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => reconnectPasswordMailbox(ctx.db, ctx.actor, input.mailboxId, input.settings, { verifyLimit: env().MAILBOX_VERIFY_RATE_LIMIT, logger })),

  startOAuth: protectedProcedure
    .input(z.object({ provider: z.enum(['google', 'microsoft']), reconnectMailboxId: z.uuid().optional() }))
    .output(z.object({ url: z.string() }))
    .mutation(({ ctx, input }) => startMailboxOAuth(ctx.db, ctx.actor, { ...input, redirectUri: callbackUrl() })),

  checkNow: protectedProcedure
    .input(z.object({ mailboxId: z.uuid() }))
    .output(z.object({ status: statusEnum, statusReason: z.string().nullable() }))
    .mutation(({ ctx, input }) => checkMailboxConnection(ctx.db, ctx.actor, input.mailboxId, { logger })),

  remove: protectedProcedure
    .input(z.object({ mailboxId: z.uuid() }))
    .output(z.object({ revokedAtProvider: z.boolean() }))
    .mutation(({ ctx, input }) => removeMailbox(ctx.db, ctx.actor, input.mailboxId)),
});
