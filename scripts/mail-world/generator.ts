import fs from 'node:fs';
import path from 'node:path';
import { ensureFolder, mailboxStatus } from './doveadm';
import { DOVEADM_BIN } from './dovecot';
import { doveadmConfigFor } from './helpers';
import { makePerson, makeRng, makeSubject, MessageFactory, type Person } from './message-factory';
import { runOk } from './proc';
import { findUser, mailHome } from './users';
import type { MailWorldInfo } from './types';

export interface GenerateOptions {
  seed?: number;
  /** Messages are dated over this many days up to now; default 365. */
  days?: number;
  /** Share of messages with a PDF attachment; default 0.1. */
  attachmentRatio?: number;
  /** Share left unread; default 0.15. */
  unseenRatio?: number;
  /** Also build Dovecot's cache with `doveadm index` (slower); default false, the resync alone makes them visible. */
  index?: boolean;
}

export interface GenerateResult {
  count: number;
  bytes: number;
  /** Message-IDs of the first message of each thread (handy for reply tests). */
  threadRoots: string[];
  ms: { write: number; resync: number; index: number; total: number };
  messagesInFolder: number;
}

// Sizes: mostly small mails, a tail of long ones; always 2–50 KB.
function drawSize(r: number): number {
  if (r < 0.8) return 2048 + Math.floor((r / 0.8) * 6 * 1024);
  if (r < 0.95) return 8 * 1024 + Math.floor(((r - 0.8) / 0.15) * 17 * 1024);
  return 25 * 1024 + Math.floor(((r - 0.95) / 0.05) * 24 * 1024);
}

// Writes N messages straight into the folder's Maildir `cur/` (with mtimes as INTERNALDATE) and lets
// Dovecot pick them up with force-resync: far faster than APPEND or LMTP for large benchmark mailboxes.
export async function generateMessages(info: MailWorldInfo, email: string, folder: string, count: number, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const t0 = Date.now();
  const user = findUser(info.stateDir, email);
  if (!user) throw new Error(`no mail world user ${email}`);
  const conf = doveadmConfigFor(info, email);
  await mailboxStatus(conf, email, 'INBOX'); // creates the Maildir on a user's first use
  await ensureFolder(conf, email, folder);
  const home = mailHome(info.stateDir, user.flavour, email);
  const dir = folder === 'INBOX' ? path.join(home, 'Maildir') : path.join(home, 'Maildir', `.${folder.replace(/\//g, '.')}`);
  const cur = path.join(dir, 'cur');
  fs.mkdirSync(cur, { recursive: true });

  const rng = makeRng(opts.seed ?? 42);
  const factory = new MessageFactory(rng);
  const owner: Person = { name: email.split('@')[0] ?? email, address: email };
  const days = opts.days ?? 365;
  const end = Date.now();
  const startMs = end - days * 86_400_000;
  const step = (end - startMs) / Math.max(1, count);
  const tag = `${process.pid}x${Math.floor(rng() * 1e9).toString(36)}`;
  const threadRoots: string[] = [];
  let bytes = 0;
  let i = 0;
  while (i < count) {
    const contact = makePerson(rng);
    const subject = makeSubject(rng);
    const len = Math.min(count - i, 1 + Math.floor(rng() * rng() * 8));
    const refs: string[] = [];
    for (let k = 0; k < len; k++, i++) {
      const incoming = k % 2 === 0;
      const from = incoming ? contact : owner;
      const to = incoming ? owner : contact;
      const messageId = `<gen.${tag}.${i}@${from.address.split('@')[1]}>`;
      const date = new Date(startMs + i * step + Math.floor(rng() * step));
      const raw = factory.build({
        messageId,
        from,
        to,
        subject: k === 0 ? subject : `Re: ${subject}`,
        date,
        inReplyTo: refs[refs.length - 1],
        references: refs,
        targetBytes: drawSize(rng()),
        attachment: rng() < (opts.attachmentRatio ?? 0.1),
      });
      if (k === 0) threadRoots.push(messageId);
      refs.push(messageId);
      const buf = Buffer.from(raw);
      const flags = rng() < (opts.unseenRatio ?? 0.15) ? '' : k < len - 1 && incoming ? 'RS' : 'S';
      const secs = Math.floor(date.getTime() / 1000);
      const file = path.join(cur, `${secs}.M${i}P${tag}.mailworld,S=${buf.length}:2,${flags}`);
      const fd = fs.openSync(file, 'w', 0o600);
      fs.writeSync(fd, buf);
      fs.futimesSync(fd, secs, secs);
      fs.closeSync(fd);
      bytes += buf.length;
    }
  }
  const tWrite = Date.now();
  const owner0 = fs.statSync(home);
  // Files were written as this process's user; Dovecot reads them as mail_uid.
  if (process.getuid?.() === 0) await runOk('chown', ['-R', `${owner0.uid}:${owner0.gid}`, cur]);
  await runOk(DOVEADM_BIN, ['-c', conf, 'force-resync', '-u', email, folder]);
  const tResync = Date.now();
  if (opts.index) await runOk(DOVEADM_BIN, ['-c', conf, 'index', '-u', email, folder]);
  const tIndex = Date.now();
  const status = await mailboxStatus(conf, email, folder);
  return {
    count,
    bytes,
    threadRoots,
    ms: { write: tWrite - t0, resync: tResync - tWrite, index: tIndex - tResync, total: Date.now() - t0 },
    messagesInFolder: status.messages,
  };
}
