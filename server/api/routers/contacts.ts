import { z } from 'zod';
import { getContact, listContacts } from '@/db/queries/contacts';
import { notFound } from '@/server/app-error';
import { protectedProcedure, router } from '../trpc';

const contactListItem = z.object({ id: z.string(), firstName: z.string(), lastName: z.string(), company: z.string().nullable(), primaryEmail: z.string().nullable() });

export const contactsRouter = router({
  list: protectedProcedure
    .input(z.object({ search: z.string().max(200).optional(), cursor: z.uuid().optional(), limit: z.number().int().min(1).max(100).default(50) }))
    .output(z.object({ items: z.array(contactListItem), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listContacts(ctx.db, ctx.actor.organizationId, input)),

  get: protectedProcedure
    .input(z.object({ id: z.uuid() }))
    .output(
      z.object({
        id: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        company: z.string().nullable(),
        createdAt: z.date(),
        emails: z.array(z.object({ email: z.string(), isPrimary: z.boolean() })),
      }),
    )
    .query(async ({ ctx, input }) => {
      const contact = await getContact(ctx.db, ctx.actor.organizationId, input.id);
      if (!contact) throw notFound('Contact not found');
      return contact;
    }),
});
