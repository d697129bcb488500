import type { ImapFlow } from 'imapflow';
import { chooseSentFolder, shouldAppendSentCopy, type FolderInfo } from '@/server/domain/send/sent-folder';
import { normaliseMessageId } from '@/server/domain/threads/message-id';

// IMAP side of PRODUCT #10: find the sent folder, look for a Message-ID there, append exactly one copy.

export type SentFolder = { path: string; matchedBy: 'special-use' | 'known-name' | 'name-contains-sent' | 'created' };

// PRODUCT #10: the domain picks the folder; we create `Sent` only when the server has nothing that fits.
export async function resolveSentFolder(client: ImapFlow, known?: string | null): Promise<SentFolder> {
  const list = await client.list();
  if (known && list.some((f) => f.path === known && !f.flags.has('\\Noselect'))) return { path: known, matchedBy: 'special-use' };
  const folders: FolderInfo[] = list.map((f) => ({ path: f.path, delimiter: f.delimiter ?? null, specialUse: f.specialUse, flags: f.flags }));
  const choice = chooseSentFolder(folders);
  if ('path' in choice) return choice;
  try {
    await client.mailboxCreate(choice.create);
  } catch (err) {
    // ALREADYEXISTS after a race with another client is fine; anything else is a real failure.
    if (!/exist/i.test(String((err as { responseText?: string }).responseText ?? (err as Error).message))) throw err;
  }
  try {
    await client.mailboxSubscribe(choice.create);
  } catch {}
  return { path: choice.create, matchedBy: 'created' };
}

// UIDs in `path` whose Message-ID header is exactly `messageId` (SEARCH HEADER is a substring match, so
// candidates are confirmed against their envelope).
export async function findByMessageId(client: ImapFlow, path: string, messageId: string): Promise<number[]> {
  const wanted = normaliseMessageId(messageId);
  if (!wanted) return [];
  const lock = await client.getMailboxLock(path);
  try {
    const uids = await client.search({ header: { 'message-id': wanted } }, { uid: true });
    if (!uids || uids.length === 0) return [];
    const confirmed: number[] = [];
    for await (const msg of client.fetch(uids.join(','), { envelope: true, uid: true }, { uid: true })) {
      if (normaliseMessageId(msg.envelope?.messageId ?? null) === wanted) confirmed.push(msg.uid);
    }
    return confirmed;
  } finally {
    lock.release();
  }
}

export type SentCopyResult = { folder: SentFolder; appended: boolean; copies: number };

// PRODUCT #10: exactly one copy. Gmail/Office 365 file SMTP-sent mail themselves, so search before appending.
export async function ensureSentCopy(client: ImapFlow, o: { raw: Buffer; messageId: string; date: Date; knownPath?: string | null }): Promise<SentCopyResult> {
  const folder = await resolveSentFolder(client, o.knownPath);
  const existing = await findByMessageId(client, folder.path, o.messageId);
  const decision = shouldAppendSentCopy({ alreadyPresent: existing.length > 0 });
  if (!decision.append) return { folder, appended: false, copies: existing.length };
  await client.append(folder.path, o.raw, ['\\Seen'], o.date);
  return { folder, appended: true, copies: 1 };
}

// Whether a previous attempt reached the server: the copy it filed (or that we appended) is in the sent folder.
export async function sentCopyExists(client: ImapFlow, messageId: string, knownPath?: string | null): Promise<boolean> {
  const folder = await resolveSentFolder(client, knownPath);
  return (await findByMessageId(client, folder.path, messageId)).length > 0;
}
