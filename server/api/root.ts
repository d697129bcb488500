import { createCallerFactory, router } from './trpc';
import { composeRouter } from './routers/compose';
import { templatesRouter } from './routers/templates';
import { contactsRouter } from './routers/contacts';
import { meRouter } from './routers/me';
import { timelineRouter } from './routers/timeline';
import { policyRouter } from './routers/policy';
import { mailboxHealthRouter } from './routers/mailbox-health';
import { mailboxesRouter } from './routers/mailboxes';
import { retentionRouter } from './routers/retention';

// Feature routers are added here, one line each.
export const appRouter = router({
  compose: composeRouter,
  templates: templatesRouter,
  mailboxes: mailboxesRouter,
  me: meRouter,
  contacts: contactsRouter,
  timeline: timelineRouter,
  policy: policyRouter,
  mailboxHealth: mailboxHealthRouter,
  retention: retentionRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
