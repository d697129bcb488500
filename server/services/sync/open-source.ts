import type { Database } from '@/db/client';
import { connectImap, type ConnectOptions } from '@/server/adapters/imap-connect';
import { ImapMailSource } from '@/server/adapters/imap/imap-mail-source';
import { loadMailboxConnection } from '@/server/services/mailboxes/mailbox-auth';
import type { MailSource } from './mail-source';

export type OpenSource = (organizationId: string, mailboxId: string) => Promise<MailSource>;

// The production MailSource factory: decrypt (refreshing OAuth when due), SSRF-checked connect, adapter.
export function mailSourceOpener(db: Database, opts: ConnectOptions = {}): OpenSource {
  return async (organizationId, mailboxId) => {
    const conn = await loadMailboxConnection(db, organizationId, mailboxId);
    return new ImapMailSource(await connectImap(conn.imap, { ...opts, timeoutMs: opts.timeoutMs ?? 20_000 }));
  };
}
