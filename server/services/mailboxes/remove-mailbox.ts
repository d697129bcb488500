import { and, eq } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, mailboxEvents } from '@/db/schema';
import { mailboxOAuthConfig, revokeToken } from '@/server/adapters/mailbox-oauth-client';
import { secretBox } from '@/server/adapters/secret-box';
import { openCredentials } from './credentials';
import { findOwnMailbox, type ConnectActor } from './connect-mailbox';

// Issue 4 "Disconnect/remove": stops sync (removed_at, lease released), revokes the grant at the
// provider where possible and deletes the credentials. Logged engagements stay on timelines.
export async function removeMailbox(db: Database, actor: ConnectActor, mailboxId: string): Promise<{ revokedAtProvider: boolean }> {
  const mailbox = await findOwnMailbox(db, actor, mailboxId);
  let revokedAtProvider = false;
  if (mailbox.credentials && mailbox.kind !== 'imap') {
    const cfg = mailboxOAuthConfig(mailbox.kind);
    try {
      const creds = openCredentials(secretBox(), { organizationId: actor.organizationId, mailboxId }, mailbox.credentials);
      if (cfg && creds.kind === 'oauth') revokedAtProvider = await revokeToken(cfg, creds.refreshToken);
    } catch {
      // Unreadable credentials are deleted below anyway.
    }
  }
  await db.transaction(async (tx) => {
    await tx
      .update(mailboxes)
      .set({ removedAt: new Date(), credentials: null, accessTokenExpiresAt: null, status: 'disconnected', statusKind: null, statusReason: 'Removed by its owner.', statusChangedAt: new Date(), leaseOwner: null, leaseExpiresAt: null, retryAt: null })
      .where(and(eq(mailboxes.id, mailboxId), eq(mailboxes.organizationId, actor.organizationId)));
    await tx.insert(mailboxEvents).values({ organizationId: actor.organizationId, mailboxId, level: 'info', kind: 'removed', message: 'Mailbox removed by its owner.', details: { revokedAtProvider } });
  });
  return { revokedAtProvider };
}
