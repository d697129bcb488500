import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import type { Database } from '@/db/client';
import { findActor, type Actor } from '@/db/queries/members';
import { AppError, type AppErrorCode } from '@/server/app-error';

export type Context = { db: Database; userId: string | null; headers?: Headers };

// The one table from AppError codes to tRPC codes (Documenso's habit).
const codeMap: Record<AppErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
  BAD_INPUT: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL: 'INTERNAL_SERVER_ERROR',
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      data: {
        ...shape.data,
        // Internal errors never leak their message to the browser.
        ...(error.code === 'INTERNAL_SERVER_ERROR' && !(cause instanceof AppError) ? { stack: undefined } : {}),
        fields: cause instanceof AppError ? (cause.fields ?? null) : null,
        zod: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : null,
      },
      message: error.code === 'INTERNAL_SERVER_ERROR' && !(cause instanceof AppError) ? 'Something went wrong on our side.' : shape.message,
    };
  },
});

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: codeMap[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapErrors);

// Resolves the actor (user, organization, role) from the session on every call, so role changes apply at once.
export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in.' });
  const actor = await findActor(ctx.db, ctx.userId);
  if (!actor) throw new TRPCError({ code: 'FORBIDDEN', message: 'You are not a member of any organization.' });
  return next({ ctx: { ...ctx, actor } });
});

export const adminProcedure = protectedProcedure.use(async ({ ctx, next }) => {
  if (ctx.actor.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only admins can do this.' });
  return next();
});

export type { Actor };
