import fs from 'node:fs';
import type { MailWorldInfo } from '../../scripts/mail-world/types';

// What e2e/global-setup.ts started, for specs that talk to the database or the mail world directly.
export function e2eState(): { databaseUrl: string; mail: MailWorldInfo } {
  const file = process.env.E2E_STATE;
  if (!file) throw new Error('E2E_STATE is not set: run specs through playwright.config.ts (global setup).');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as { databaseUrl: string; mail: MailWorldInfo };
}
