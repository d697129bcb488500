import { startMailWorld } from '../scripts/mail-world/world';
import type { MailWorldInfo } from '../scripts/mail-world/types';

// One mail world (Dovecot, SMTP submission, OAuth provider) for the whole integration run; tests reach it
// through `mailWorld()` from test/mail-world.ts and create their own users so files can run in parallel.
export async function startMailWorldForTests(): Promise<{ info: MailWorldInfo; stop: () => Promise<void> }> {
  const debug = process.env.MAIL_WORLD_DEBUG === '1';
  const world = await startMailWorld({ log: (m) => debug && console.log(`[mail-world] ${m}`) });
  if (debug) console.log(`[mail-world] started in ${world.info.startedInMs} ms`);
  return world;
}
