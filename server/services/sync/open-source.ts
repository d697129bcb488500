import type { Database } from '@/db/client';
import { connectImap, type ConnectOptions } from '@/server/adapters/imap-connect';
import { ImapMailSource } from '@/server/adapters/imap/imap-mail-source';
import { classifyFailure, loadMailboxConnection } from '@/server/services/mailboxes/mailbox-auth';
import type { MailSource } from './mail-source';

export type OpenSource = (organizationId: string, mailboxId: string) => Promise<MailSource>;

// The production MailSource factory: decrypt (refreshing OAuth when due), SSRF-checked connect, adapter.
// A provider can revoke an access token before it expires: when IMAP refuses a cached token, one
// forced refresh follows before the failure counts. It either fixes the login or fails with the
// provider's own reason (a revoked grant), which is what the mailbox status should say (PRODUCT #5).
export function mailSourceOpener(db: Database, opts: ConnectOptions = {}): OpenSource {
  const connectOpts = { ...opts, timeoutMs: opts.timeoutMs ?? 20_000 };
  return async (organizationId, mailboxId) => {
    const conn = await loadMailboxConnection(db, organizationId, mailboxId);
    try {
      return new ImapMailSource(await connectImap(conn.imap, connectOpts));
    } catch (err) {
      if (conn.imap.auth.kind !== 'xoauth2' || classifyFailure(err, 'imap').kind !== 'auth') throw err;
      const fresh = await loadMailboxConnection(db, organizationId, mailboxId, { forceRefresh: true });
      return new ImapMailSource(await connectImap(fresh.imap, connectOpts));
    }
  };
}
