import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { FlagRecord, FolderListing, MailAddress, MailSource, MessageMetaRecord, OpenedFolder, TextPart } from '@/server/services/sync/mail-source';
import { parseHeaderBlock } from './header-block';
import { parseBulkFetch } from './bulk-fetch-parse';
import { interceptFetchResponses } from './intercept-responses';

// MailSource over one imapflow connection (RFC 3501, RFC 7162). One folder is open at a time; the
// sync engine never issues a command while a FETCH is streaming (issue 5): `fetchMeta` hands out
// batches and the caller only writes to Postgres from them.

/** Header fields fetched with every message: threading (PRODUCT #7) and noise signals (issue 5). */
export const META_HEADER_FIELDS = [
  'message-id', 'in-reply-to', 'references', 'thread-index',
  'auto-submitted', 'precedence', 'list-id', 'list-unsubscribe', 'x-auto-response-suppress', 'x-autoreply', 'x-failed-recipients', 'content-type',
];

function addresses(list: MessageAddressObject[] | undefined): MailAddress[] {
  const out: MailAddress[] = [];
  for (const a of list ?? []) {
    if (!a.address) continue;
    out.push(a.name ? { address: a.address, name: a.name } : { address: a.address });
  }
  return out;
}

function toDate(v: Date | string | undefined): Date | null {
  if (!v) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function metaFromImapflow(m: FetchMessageObject): MessageMetaRecord {
  const headers = m.headers ? parseHeaderBlock(m.headers) : {};
  const env = m.envelope;
  return {
    uid: m.uid,
    flags: m.flags ? [...m.flags] : [],
    modseq: m.modseq ?? null,
    size: m.size ?? null,
    internalDate: toDate(m.internalDate),
    messageId: headers['message-id'] ?? env?.messageId ?? null,
    inReplyTo: headers['in-reply-to'] ?? env?.inReplyTo ?? null,
    references: headers['references'] ?? null,
    threadIndex: headers['thread-index'] ?? null,
    subject: env?.subject ?? null,
    date: toDate(env?.date),
    from: addresses(env?.from),
    to: addresses(env?.to),
    cc: addresses(env?.cc),
    replyTo: addresses(env?.replyTo),
    headers,
  };
}

export class ImapMailSource implements MailSource {
  readonly capabilities: MailSource['capabilities'];

  constructor(private readonly client: ImapFlow) {
    const caps = client.capabilities;
    this.capabilities = { condstore: caps.has('CONDSTORE') || caps.has('QRESYNC'), qresync: caps.has('QRESYNC') && client.enabled.has('QRESYNC'), idle: caps.has('IDLE') };
  }

  get closed(): boolean {
    return !this.client.usable;
  }

  get imap(): ImapFlow {
    return this.client;
  }

  async listFolders(): Promise<FolderListing[]> {
    const list = await this.client.list();
    return list.map((f) => ({ path: f.path, delimiter: f.delimiter ?? null, specialUse: f.specialUse ?? null, flags: [...(f.flags ?? [])] }));
  }

  async openFolder(path: string, known?: { uidValidity: bigint; highestModseq: bigint }): Promise<OpenedFolder> {
    const vanished: number[] = [];
    const onExpunge = (e: { path: string; uid?: number; vanished: boolean }) => {
      if (e.vanished && e.uid !== undefined) vanished.push(e.uid);
    };
    this.client.on('expunge', onExpunge);
    try {
      // Re-selecting the open folder is what refreshes UIDNEXT/HIGHESTMODSEQ, so always SELECT (EXAMINE).
      if (this.client.mailbox && this.client.mailbox.path === path) await this.client.mailboxClose();
      const box = await this.client.mailboxOpen(path, {
        readOnly: true,
        ...(known && this.capabilities.qresync ? { uidValidity: known.uidValidity, changedSince: known.highestModseq } : {}),
      });
      return {
        path: box.path,
        uidValidity: BigInt(box.uidValidity),
        uidNext: box.uidNext ?? null,
        exists: box.exists,
        highestModseq: box.highestModseq ?? null,
        vanished,
      };
    } finally {
      this.client.off('expunge', onExpunge);
    }
  }

  async statusFolder(path: string) {
    // RFC 3501 §6.3.10: STATUS on the selected mailbox may answer from this session's stale view (Dovecot
    // does: another client's flag change went unseen). NOOP first lets the server bring the view up to date.
    if (this.client.mailbox && this.client.mailbox.path === path) await this.client.noop();
    const s = await this.client.status(path, { messages: true, uidNext: true, uidValidity: true, highestModseq: true });
    if (!s || s.uidValidity === undefined) return null;
    return { uidValidity: BigInt(s.uidValidity), uidNext: s.uidNext ?? null, exists: s.messages ?? 0, highestModseq: s.highestModseq ?? null };
  }

  async ensureSelected(path: string): Promise<void> {
    if (this.client.mailbox && this.client.mailbox.path === path) return;
    await this.client.mailboxOpen(path, { readOnly: true });
  }

  async searchUids(query: { since?: Date; minUid?: number }): Promise<number[]> {
    const found = await this.client.search({ ...(query.since ? { since: query.since } : {}), ...(query.minUid ? { uid: `${query.minUid}:*` } : {}) }, { uid: true });
    if (!found) return [];
    const min = query.minUid ?? 0;
    return found.filter((u) => u >= min).sort((a, b) => a - b);
  }

  /** How the last `fetchMeta` parsed its responses: the bulk parser vs imapflow's general path. */
  lastFetchStats = { fast: 0, fallback: 0 };

  async fetchMeta(uidSet: string, onBatch: (batch: MessageMetaRecord[]) => Promise<void> | void, opts: { batchSize?: number } = {}): Promise<void> {
    const size = opts.batchSize ?? 1000;
    const stats = { fast: 0, fallback: 0 };
    this.lastFetchStats = stats;
    let batch: MessageMetaRecord[] = [];
    // Records arrive from two places (the bulk parser inside imapflow's reader, and imapflow's own
    // iterator for what the bulk parser declined); handing batches over one at a time keeps order
    // and back-pressure: while a batch is written, the reader waits and the socket stops being read.
    let handing: Promise<void> = Promise.resolve();
    const push = (m: MessageMetaRecord): Promise<void> | undefined => {
      batch.push(m);
      if (batch.length < size) return undefined;
      const full = batch;
      batch = [];
      handing = handing.then(() => onBatch(full));
      return handing;
    };
    let batchError: unknown = null;
    const restore = interceptFetchResponses(this.client, async (data) => {
      const record = parseBulkFetch(data.payload, data.literals);
      if (!record) return false;
      stats.fast++;
      try {
        await push(record);
      } catch (err) {
        batchError ??= err;
        throw err;
      }
      return true;
    });
    const query = { uid: true, flags: true, envelope: true, size: true, internalDate: true, headers: META_HEADER_FIELDS };
    try {
      for await (const m of this.client.fetch(uidSet, query, { uid: true })) {
        stats.fallback++;
        await push(metaFromImapflow(m));
      }
    } catch (err) {
      // A failed write inside the reader surfaces from imapflow as a protocol failure: report the cause.
      throw batchError ?? err;
    } finally {
      restore();
    }
    if (batchError) throw batchError;
    await handing;
    if (batch.length > 0) await onBatch(batch);
  }

  async fetchFlags(uidSet: string, changedSince?: bigint | null): Promise<FlagRecord[]> {
    const out: FlagRecord[] = [];
    for await (const m of this.client.fetch(uidSet, { uid: true, flags: true }, { uid: true, ...(changedSince ? { changedSince } : {}) })) {
      out.push({ uid: m.uid, flags: m.flags ? [...m.flags] : [], modseq: m.modseq ?? null });
    }
    return out;
  }

  async fetchRaw(uid: number): Promise<Buffer | null> {
    const m = await this.client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
    return m && m.source ? m.source : null;
  }

  async fetchTextParts(uid: number, maxBytesPerPart: number): Promise<{ parts: TextPart[]; attachmentCount: number } | null> {
    const m = await this.client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
    if (!m || !m.bodyStructure) return null;
    const wanted: { part: string; type: 'text/plain' | 'text/html' }[] = [];
    let attachmentCount = 0;
    const walk = (n: MessageStructureObject) => {
      const type = n.type.toLowerCase();
      if (n.childNodes?.length) return n.childNodes.forEach(walk);
      if (n.disposition?.toLowerCase() === 'attachment' || !type.startsWith('text/')) attachmentCount++;
      else if ((type === 'text/plain' || type === 'text/html') && n.disposition?.toLowerCase() !== 'attachment' && !wanted.some((w) => w.type === type)) {
        wanted.push({ part: n.part ?? '1', type });
      }
    };
    walk(m.bodyStructure);
    const out: TextPart[] = [];
    for (const w of wanted) {
      const dl = await this.client.download(String(uid), w.part, { uid: true, maxBytes: maxBytesPerPart });
      if (!dl || !('content' in dl) || !dl.content) continue;
      const chunks: Buffer[] = [];
      for await (const c of dl.content) chunks.push(c as Buffer);
      out.push({ contentType: w.type, text: Buffer.concat(chunks).toString('utf8') });
    }
    return { parts: out, attachmentCount };
  }

  async waitForChange(timeoutMs: number): Promise<boolean> {
    if (!this.capabilities.idle) {
      await new Promise((r) => setTimeout(r, timeoutMs));
      return false;
    }
    let changed = false;
    const wake = () => void this.client.noop().catch(() => undefined);
    const onExists = () => {
      changed = true;
      wake();
    };
    this.client.on('exists', onExists);
    // Issuing any command ends IDLE (imapflow sends DONE first): that is how a timeout or new mail wakes us.
    const timer = setTimeout(wake, timeoutMs);
    try {
      await this.client.idle();
    } finally {
      clearTimeout(timer);
      this.client.off('exists', onExists);
    }
    return changed;
  }

  async close(): Promise<void> {
    try {
      await Promise.race([this.client.logout(), new Promise((r) => setTimeout(r, 2000))]);
    } catch {
      // Already gone.
    }
    this.client.close();
  }
}
