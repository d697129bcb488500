import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { getEngagementDetail, listContactAttachments, listThread, listTimeline, timelineVersion } from '@/db/queries/timeline';
import { notFound } from '@/server/app-error';
import { env } from '@/server/env';
import { mergeThreads, moveEngagement, removeFromTimeline, splitMessage } from '@/server/services/timeline/correct-thread';
import { explainEngagement } from '@/server/services/timeline/explain-engagement';
import { renderEngagementBody } from '@/server/services/timeline/render-body';
import type { Database } from '@/db/client';
import { protectedProcedure, router } from '../trpc';

const address = z.object({ address: z.string(), name: z.string().optional() });
const chip = z.object({ id: z.string(), engagementId: z.string(), filename: z.string(), mimeType: z.string(), size: z.number(), isInline: z.boolean() });
const entry = z.object({
  id: z.string(),
  threadId: z.string().nullable(),
  kind: z.enum(['sent_from_timeline', 'sequence', 'logged_reply', 'bcc_logged']),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'logged']),
  direction: z.enum(['inbound', 'outbound']),
  classification: z.enum(['normal', 'auto_reply', 'bounce', 'bulk']),
  subject: z.string(),
  fromAddress: z.string(),
  fromName: z.string().nullable(),
  to: z.array(address),
  cc: z.array(address),
  occurredAt: z.date(),
  snippet: z.string().nullable(),
  hasHtml: z.boolean(),
  hasText: z.boolean(),
  bodyRemovedReason: z.string().nullable(),
  failureReason: z.string().nullable(),
  attachmentsSkippedReason: z.string().nullable(),
  attachments: z.array(chip),
  threadSize: z.number(),
});

async function requireContact(db: Database, organizationId: string, contactId: string) {
  const rows = await db.execute(sql`select 1 from contact where id = ${contactId} and organization_id = ${organizationId} and deleted_at is null`);
  if (rows.length === 0) throw notFound('Contact not found');
}

const appOrigin = () => new URL(env().APP_URL).origin;

export const timelineRouter = router({
  list: protectedProcedure
    .input(z.object({ contactId: z.uuid(), cursor: z.uuid().optional(), limit: z.number().int().min(1).max(100).default(30), filter: z.enum(['all', 'emails', 'attachments']).default('all'), search: z.string().max(200).optional() }))
    .output(z.object({ items: z.array(entry), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      await requireContact(ctx.db, ctx.actor.organizationId, input.contactId);
      return listTimeline(ctx.db, ctx.actor.organizationId, input);
    }),

  thread: protectedProcedure
    .input(z.object({ contactId: z.uuid(), threadId: z.uuid() }))
    .output(z.array(entry))
    .query(async ({ ctx, input }) => {
      await requireContact(ctx.db, ctx.actor.organizationId, input.contactId);
      return listThread(ctx.db, ctx.actor.organizationId, input);
    }),

  version: protectedProcedure
    .input(z.object({ contactId: z.uuid() }))
    .output(z.object({ version: z.string() }))
    .query(async ({ ctx, input }) => ({ version: await timelineVersion(ctx.db, ctx.actor.organizationId, input.contactId) })),

  body: protectedProcedure
    .input(z.object({ engagementId: z.uuid(), mode: z.enum(['auto', 'text', 'html']).default('auto'), loadImages: z.boolean().default(false) }))
    .output(
      z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('removed'), reason: z.string(), hasHtml: z.literal(false) }),
        z.object({ mode: z.literal('text'), text: z.string(), hasHtml: z.boolean() }),
        z.object({ mode: z.literal('html'), srcdoc: z.string(), blockedImages: z.number(), truncated: z.boolean(), quoteCollapsed: z.boolean(), imagesLoaded: z.boolean() }),
      ]),
    )
    .query(({ ctx, input }) => renderEngagementBody(ctx.db, ctx.actor.organizationId, { ...input, appOrigin: appOrigin() })),

  why: protectedProcedure
    .input(z.object({ engagementId: z.uuid() }))
    .output(z.object({ summary: z.string(), details: z.array(z.object({ label: z.string(), value: z.string() })) }))
    .query(async ({ ctx, input }) => {
      const e = await getEngagementDetail(ctx.db, ctx.actor.organizationId, input.engagementId);
      if (!e) throw notFound('Email not found');
      return explainEngagement(e);
    }),

  attachments: protectedProcedure
    .input(z.object({ contactId: z.uuid(), limit: z.number().int().min(1).max(500).default(200) }))
    .output(z.array(chip.extend({ occurredAt: z.date(), subject: z.string(), direction: z.enum(['inbound', 'outbound']), fromAddress: z.string() })))
    .query(async ({ ctx, input }) => {
      await requireContact(ctx.db, ctx.actor.organizationId, input.contactId);
      return listContactAttachments(ctx.db, ctx.actor.organizationId, input);
    }),

  split: protectedProcedure
    .input(z.object({ engagementId: z.uuid() }))
    .output(z.object({ threadId: z.string() }))
    .mutation(({ ctx, input }) => splitMessage(ctx.db, ctx.actor, input)),

  merge: protectedProcedure
    .input(z.object({ sourceThreadId: z.uuid(), targetThreadId: z.uuid() }))
    .output(z.object({ moved: z.number() }))
    .mutation(({ ctx, input }) => mergeThreads(ctx.db, ctx.actor, input)),

  move: protectedProcedure
    .input(z.object({ engagementId: z.uuid(), toContactId: z.uuid() }))
    .output(z.object({ engagementId: z.string() }))
    .mutation(({ ctx, input }) => moveEngagement(ctx.db, ctx.actor, input)),

  remove: protectedProcedure
    .input(z.object({ engagementId: z.uuid() }))
    .output(z.object({ engagementId: z.string() }))
    .mutation(({ ctx, input }) => removeFromTimeline(ctx.db, ctx.actor, input)),
});
