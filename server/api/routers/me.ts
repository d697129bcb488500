import { z } from 'zod';
import { protectedProcedure, router } from '../trpc';

export const meRouter = router({
  get: protectedProcedure
    .output(z.object({ userId: z.string(), name: z.string().nullable(), email: z.string(), organizationId: z.string(), organizationName: z.string(), role: z.enum(['admin', 'rep']) }))
    .query(({ ctx }) => ctx.actor),
});
