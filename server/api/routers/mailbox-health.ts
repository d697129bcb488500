import { z } from 'zod';
import { getMailboxHealth } from '@/db/queries/mailbox-health';
import { notFound } from '@/server/app-error';
import { recheckMessage } from '@/server/services/timeline/recheck-message';
import type { Database } from '@/db/client';
import type { Actor } from '../trpc';
import { protectedProcedure, router } from '../trpc';

const msg = z.object({ id: z.number(), subject: z.string().nullable(), fromAddress: z.string().nullable(), reason: z.string(), syncedAt: z.date() });

// The owner and admins see a mailbox's health; anyone else gets NOT_FOUND, as for another organization.
async function load(db: Database, actor: Actor, mailboxId: string) {
  const h = await getMailboxHealth(db, actor.organizationId, mailboxId);
  if (!h || (actor.role !== 'admin' && h.ownerUserId !== actor.userId)) throw notFound('Mailbox not found');
  return h;
}

export const mailboxHealthRouter = router({
  get: protectedProcedure
    .input(z.object({ mailboxId: z.uuid() }))
    .output(
      z.object({
        id: z.string(),
        emailAddress: z.string(),
        kind: z.enum(['google', 'microsoft', 'imap']),
        status: z.enum(['connecting', 'syncing', 'connected', 'degraded', 'disconnected']),
        statusKind: z.string().nullable(),
        statusReason: z.string().nullable(),
        lastSyncedAt: z.date().nullable(),
        counts: z.object({ synced: z.number(), logged: z.number(), pending: z.number(), skipped: z.number(), quarantined: z.number() }),
        skippedByReason: z.array(z.object({ reason: z.string(), count: z.number() })),
        quarantined: z.array(msg),
        skippedRecent: z.array(msg),
        events: z.array(z.object({ id: z.number(), level: z.enum(['info', 'warn', 'error']), kind: z.string(), message: z.string(), createdAt: z.date() })),
        folders: z.array(z.object({ path: z.string(), role: z.string(), messagesTotal: z.number(), messagesSynced: z.number(), lastError: z.string().nullable(), lastSyncedAt: z.date().nullable() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { ownerUserId: _owner, ...h } = await load(ctx.db, ctx.actor, input.mailboxId);
      return h;
    }),

  recheck: protectedProcedure
    .input(z.object({ mailboxId: z.uuid(), messageRowId: z.number().int().positive() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await load(ctx.db, ctx.actor, input.mailboxId);
      await recheckMessage(ctx.db, ctx.actor, input);
      return { ok: true as const };
    }),
});
