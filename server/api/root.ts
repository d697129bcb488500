import { createCallerFactory, router } from './trpc';
import { contactsRouter } from './routers/contacts';
import { meRouter } from './routers/me';

// Feature routers are added here, one line each.
export const appRouter = router({
  me: meRouter,
  contacts: contactsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
