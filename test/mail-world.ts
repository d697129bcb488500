import { inject } from 'vitest';
import type { MailWorldInfo } from '../scripts/mail-world/types';

// The running mail world of this integration run (started once by test/global-setup.ts).
export function mailWorld(): MailWorldInfo {
  const raw = inject('mailWorld');
  if (!raw) throw new Error('no mail world: run this test in the integration project (vitest --project integration)');
  return JSON.parse(raw) as MailWorldInfo;
}
