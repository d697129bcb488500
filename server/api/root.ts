import { createCallerFactory, router } from './trpc';
import { contactsRouter } from './routers/contacts';
import { meRouter } from './routers/me';
import { mailboxesRouter } from './routers/mailboxes';

// Feature routers are added here, one line each.
export const appRouter = router({
  mailboxes: mailboxesRouter,
  me: meRouter,
  contacts: contactsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
