import { z } from 'zod';
import { createTemplate, deleteTemplate, getTemplate, listTemplates, renderForContact, updateTemplate } from '@/server/services/send/templates';
import { protectedProcedure, router } from '../trpc';

const template = z.object({ id: z.string(), name: z.string(), subject: z.string(), bodyHtml: z.string(), shared: z.boolean(), mine: z.boolean(), ownerUserId: z.string(), updatedAt: z.date() });
const templateInput = z.object({ name: z.string().max(200), subject: z.string().max(998), bodyHtml: z.string().max(500_000), shared: z.boolean() });
const actorOf = (a: { userId: string; name: string | null; email: string; organizationId: string }) => ({ ...a, name: a.name ?? null });

// Issue 6 templates: shared with the organization or private; merge fields checked on save.
export const templatesRouter = router({
  list: protectedProcedure.output(z.array(template)).query(({ ctx }) => listTemplates(ctx.db, actorOf(ctx.actor))),
  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(template)
    .query(({ ctx, input }) => getTemplate(ctx.db, actorOf(ctx.actor), input.id)),
  create: protectedProcedure
    .input(templateInput)
    .output(template)
    .mutation(({ ctx, input }) => createTemplate(ctx.db, actorOf(ctx.actor), input)),
  update: protectedProcedure
    .input(templateInput.extend({ id: z.uuid() }))
    .output(template)
    .mutation(({ ctx, input }) => updateTemplate(ctx.db, actorOf(ctx.actor), input.id, input)),
  delete: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteTemplate(ctx.db, actorOf(ctx.actor), input.id);
      return { ok: true as const };
    }),
  // Preview with the real contact (issue 6): the template merged for one contact.
  render: protectedProcedure
    .input(z.object({ id: z.uuid(), contactId: z.uuid(), to: z.string().max(1000).nullish(), senderEmail: z.string().max(1000).nullish() }))
    .output(z.object({ subject: z.string(), bodyHtml: z.string(), usedFallbacks: z.array(z.string()), missing: z.array(z.string()) }))
    .query(async ({ ctx, input }) => {
      const t = await getTemplate(ctx.db, actorOf(ctx.actor), input.id);
      return renderForContact(ctx.db, actorOf(ctx.actor), { contactId: input.contactId, subject: t.subject, bodyHtml: t.bodyHtml, to: input.to, senderEmail: input.senderEmail });
    }),
});
