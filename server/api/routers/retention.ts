import { z } from 'zod';
import { lastRetentionRuns, pendingDeletedEngagements } from '@/db/queries/retention';
import { retentionRules } from '@/server/domain/retention/retention-policy';
import { AppError } from '@/server/app-error';
import { deleteEngagement, restoreEngagement } from '@/server/services/retention/engagement-deletion';
import { eraseAddress } from '@/server/services/retention/erase-address';
import { deleteContact } from '@/server/services/retention/contact-deletion';
import { adminProcedure, protectedProcedure, router } from '../trpc';

const eraseCounts = {
  engagements: z.number(),
  attachments: z.number(),
  blobs: z.number(),
  messages: z.number(),
  messageReferences: z.number(),
  outbox: z.number(),
  contactEmails: z.number(),
  neverLogRules: z.number(),
  mailboxEvents: z.number(),
  notifications: z.number(),
  queueJobs: z.number(),
};

// Issue 8: engagement delete/restore (PRODUCT #14/#15), erase by address and contact deletion (GDPR),
// and the admin's retention panel. The clock is read here, at the edge; services take `now`.
export const retentionRouter = router({
  deleteEngagement: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), deletedAt: z.date(), purgeAt: z.date().nullable() }))
    .mutation(async ({ ctx, input }) => {
      const r = await deleteEngagement(ctx.db, { organizationId: ctx.actor.organizationId, engagementId: input.id, now: new Date() });
      return { id: r.id, deletedAt: r.deletedAt, purgeAt: r.purgeAt };
    }),

  restoreEngagement: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => restoreEngagement(ctx.db, { organizationId: ctx.actor.organizationId, engagementId: input.id, now: new Date() })),

  eraseAddress: adminProcedure
    .input(z.object({ address: z.email().max(320) }))
    .output(z.object({ ...eraseCounts, newlySuppressed: z.boolean() }))
    .mutation(({ ctx, input }) => eraseAddress(ctx.db, { organizationId: ctx.actor.organizationId, address: input.address, now: new Date() })),

  deleteContact: protectedProcedure
    .input(z.object({ id: z.uuid(), eraseAddresses: z.boolean().default(false) }))
    .output(z.object({ contactId: z.string(), hiddenEngagements: z.number(), erased: z.object({ ...eraseCounts, addresses: z.number(), contact: z.number() }).nullable() }))
    .mutation(({ ctx, input }) => {
      if (input.eraseAddresses && ctx.actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can erase addresses.');
      return deleteContact(ctx.db, { organizationId: ctx.actor.organizationId, contactId: input.id, eraseAddresses: input.eraseAddresses, now: new Date() });
    }),

  status: adminProcedure
    .input(z.object({}).optional())
    .output(
      z.object({
        rules: z.array(
          z.object({
            rule: z.number(),
            windowDays: z.number().nullable(),
            appliesTo: z.string(),
            description: z.string(),
            lastRun: z.object({ finishedAt: z.date(), removed: z.number() }).nullable(),
          }),
        ),
        pendingDeletedEngagements: z.number(),
      }),
    )
    .query(async ({ ctx }) => {
      const [runs, pending] = await Promise.all([lastRetentionRuns(ctx.db, ctx.actor.organizationId), pendingDeletedEngagements(ctx.db, ctx.actor.organizationId)]);
      return {
        rules: retentionRules.map((r) => {
          const run = runs.find((x) => x.rule === String(r.rule));
          return { ...r, lastRun: run ? { finishedAt: run.finishedAt, removed: run.removed } : null };
        }),
        pendingDeletedEngagements: pending,
      };
    }),
});
