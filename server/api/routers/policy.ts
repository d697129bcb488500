import { z } from 'zod';
import { getPolicyView } from '@/db/queries/policy';
import { notFound } from '@/server/app-error';
import { env } from '@/server/env';
import { retentionRules } from '@/server/domain/retention/retention-policy';
import { addNeverLogRule, removeNeverLogRule, updateOrganizationPolicy } from '@/server/services/policy/update-policy';
import { adminProcedure, protectedProcedure, router } from '../trpc';

const limit = z.number().int().min(1).max(100_000);

export const policyRouter = router({
  get: protectedProcedure
    .input(z.object({}).default({}))
    .output(
      z.object({
        canEdit: z.boolean(),
        organizationName: z.string(),
        bccAddress: z.string(),
        attachmentLoggingEnabled: z.boolean(),
        trustHtml: z.boolean(),
        sendLimitPerDay: z.number(),
        sendLimitPerMinute: z.number(),
        updatedAt: z.date(),
        rules: z.array(z.object({ id: z.string(), kind: z.enum(['address', 'domain']), value: z.string(), scope: z.enum(['organization', 'personal']), createdAt: z.date() })),
        retention: z.array(z.object({ rule: z.number(), windowDays: z.number().nullable(), appliesTo: z.string(), description: z.string() })),
      }),
    )
    .query(async ({ ctx }) => {
      const view = await getPolicyView(ctx.db, ctx.actor.organizationId, ctx.actor.userId, env().INBOUND_EMAIL_DOMAIN);
      if (!view) throw notFound('Organization not found');
      return { ...view, canEdit: ctx.actor.role === 'admin', retention: retentionRules.map((r) => ({ ...r })) };
    }),

  update: adminProcedure
    .input(z.object({ attachmentLoggingEnabled: z.boolean().optional(), trustHtml: z.boolean().optional(), sendLimitPerDay: limit.optional(), sendLimitPerMinute: limit.optional() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await updateOrganizationPolicy(ctx.db, ctx.actor, input);
      return { ok: true as const };
    }),

  // Organization rules need an admin (checked in the service); anyone may keep a personal list.
  addRule: protectedProcedure
    .input(z.object({ scope: z.enum(['organization', 'personal']), kind: z.enum(['address', 'domain']), value: z.string().trim().min(1).max(320) }))
    .output(z.object({ id: z.string(), value: z.string(), hiddenNow: z.number() }))
    .mutation(({ ctx, input }) => addNeverLogRule(ctx.db, ctx.actor, input)),

  removeRule: protectedProcedure
    .input(z.object({ ruleId: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await removeNeverLogRule(ctx.db, ctx.actor, input);
      return { ok: true as const };
    }),
});
