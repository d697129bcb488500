import { z } from 'zod';
import type { SecretBox } from '@/server/adapters/secret-box';

// What the encrypted `mailbox.credentials` envelope holds (PRODUCT #19). Sealed as one JSON value under
// AAD (organization, mailbox, "credentials"), so it cannot be moved to another row.

export const CREDENTIALS_FIELD = 'credentials';

const credentialsSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(1), kind: z.literal('password'), password: z.string().min(1) }),
  z.object({ v: z.literal(1), kind: z.literal('oauth'), refreshToken: z.string().min(1), accessToken: z.string().min(1) }),
]);

export type MailboxCredentials = z.infer<typeof credentialsSchema>;

export function sealCredentials(box: SecretBox, ids: { organizationId: string; mailboxId: string }, creds: MailboxCredentials): string {
  return box.seal(JSON.stringify(creds), { ...ids, field: CREDENTIALS_FIELD });
}

export function openCredentials(box: SecretBox, ids: { organizationId: string; mailboxId: string }, envelope: string): MailboxCredentials {
  return credentialsSchema.parse(JSON.parse(box.open(envelope, { ...ids, field: CREDENTIALS_FIELD })));
}
