import { Readable } from 'node:stream';
import type { Database } from '../db/client';
import type { MailFlavour, MailWorldInfo } from '../scripts/mail-world/types';
import { createUniqueMailUser, imapFor } from '../scripts/mail-world/helpers';
import { withImap } from '../scripts/mail-world/test-clients';
import { connectPasswordMailbox } from '../server/services/mailboxes/connect-mailbox';
import { storeUpload } from '../server/services/send/uploads';
import { formFor } from './mailbox-helpers';
import { makeOrg } from './fixtures';

// Shared by the send integration tests: an organization whose rep has a real, verified mailbox on the
// mail world, and IMAP look-ups by Message-ID in any user's folder.

export async function orgWithMailbox(db: Database, info: MailWorldInfo, flavour: MailFlavour = 'special-use') {
  const o = await makeOrg(db);
  const user = await createUniqueMailUser(info, 'sender', flavour);
  const imap = flavour === 'special-use' ? info.imap.specialUse : info.imap.noSpecialUse;
  const { id: mailboxId } = await connectPasswordMailbox(db, { userId: o.rep.id, organizationId: o.org.id }, { ...formFor(info, user.email, user.password), imapPort: imap.tlsPort });
  const actor = { userId: o.rep.id, name: 'Rex Rep', email: o.rep.email, organizationId: o.org.id };
  return { ...o, user, mailboxId, actor, sentFolder: imap.sentFolder };
}

/** Raw messages in `folder` of `email` whose Message-ID header is `<messageId>`. */
export async function messagesById(info: MailWorldInfo, auth: { email: string; password: string }, folder: string, messageId: string): Promise<string[]> {
  const port = imapFor(info, auth.email).plainPort;
  return withImap(info, port, { user: auth.email, pass: auth.password }, async (c) => {
    const exists = (await c.list()).some((f) => f.path === folder);
    if (!exists) return [];
    const lock = await c.getMailboxLock(folder);
    try {
      const uids = await c.search({ header: { 'message-id': messageId } }, { uid: true });
      if (!uids || uids.length === 0) return [];
      const out: string[] = [];
      for await (const m of c.fetch(uids.join(','), { source: true }, { uid: true })) out.push(m.source?.toString('utf8') ?? '');
      return out;
    } finally {
      lock.release();
    }
  });
}

export const catchAll = (info: MailWorldInfo) => ({ email: info.catchAllEmail, password: 'password' });

export async function upload(db: Database, actor: { organizationId: string; userId: string }, filename: string, content: Buffer, mimeType = 'application/pdf') {
  return storeUpload(db, actor, { filename, mimeType, body: Readable.from([content]) });
}
