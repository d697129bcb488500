import { startMailWorld } from '../../scripts/mail-world/world';
import type { MailWorldInfo } from '../../scripts/mail-world/types';
import { appEnvForMailWorld } from '../../scripts/mail-world-app-env';

// The e2e run's mail world: real Dovecot, SMTP submission and OAuth provider, plus the app env pointing at them.
export async function startE2eMailWorld(dir: string): Promise<{ env: Record<string, string>; info: MailWorldInfo; stop: () => Promise<void> }> {
  const world = await startMailWorld({});
  return { env: await appEnvForMailWorld(world.info, dir), info: world.info, stop: () => world.stop() };
}
