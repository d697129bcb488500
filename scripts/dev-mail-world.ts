import fs from 'node:fs/promises';
import path from 'node:path';
import { startMailWorld } from './mail-world/world';
import { appEnvForMailWorld } from './mail-world-app-env';

// `npm run dev -- --mail`: the local mail world beside the app so the product can be tried without a real provider.
export async function devMailWorld(dataDir: string): Promise<{ env: Record<string, string>; banner: string; stop: () => Promise<void> }> {
  await fs.mkdir(dataDir, { recursive: true });
  const world = await startMailWorld({});
  const { info } = world;
  await fs.writeFile(path.join(dataDir, 'mail-world.json'), JSON.stringify(info, null, 2));
  const env = await appEnvForMailWorld(info, path.resolve(dataDir));
  const imap = info.imap.specialUse;
  const banner = [
    '',
    '  Local mail world is running (Dovecot + SMTP + OAuth on 127.0.0.1).',
    '  Settings → Email → Other (IMAP/SMTP):',
    `    email ${info.demo.email}   password ${info.demo.password}`,
    `    IMAP 127.0.0.1 port ${imap.tlsPort} (SSL/TLS)   SMTP 127.0.0.1 port ${info.smtp.tlsPort} (SSL/TLS)`,
    '  Google and Microsoft buttons use the local OAuth provider.',
  ].join('\n');
  return { env, banner, stop: () => world.stop() };
}
