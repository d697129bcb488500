import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Parses one raw message with mailparser under limits (issue 5): header size per MIME node, part
// count, nesting depth, wall time. Parsing runs in a worker thread so a hostile message can neither
// block the sync's event loop nor run forever: on timeout the thread is terminated and replaced.

export type ParsedAddress = { address: string; name?: string };
export type ParsedAttachment = {
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  /** Inline part referenced from the HTML by `cid:` (kept as an attachment linked to the body). */
  inline: boolean;
  content: Buffer;
};
export type ParsedMail = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  threadIndex: string | null;
  subject: string | null;
  date: Date | null;
  from: ParsedAddress[];
  to: ParsedAddress[];
  cc: ParsedAddress[];
  replyTo: ParsedAddress[];
  /** Lower-cased header name → unfolded raw value(s), for noise classification. */
  headers: Record<string, string>;
  contentType: string | null;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
};

export type ParseLimits = {
  maxHeaderBytes: number;
  maxParts: number;
  maxDepth: number;
  timeoutMs: number;
};

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxHeaderBytes: 256 * 1024, maxParts: 500, maxDepth: 40, timeoutMs: 10_000 };

export type ParseOutcome =
  | { ok: true; mail: ParsedMail }
  /** `limit`: the message can never be parsed under the limits (deterministic); `error`/`timeout` may be transient. */
  | { ok: false; kind: 'limit' | 'error' | 'timeout'; reason: string };

// Counts multipart nesting from the raw bytes before handing them to mailparser: mailsplit bounds
// header size and node count, not depth. Cheap: only Content-Type lines declaring a boundary count.
export function multipartDepth(raw: Buffer): number {
  const text = raw.toString('latin1');
  const re = /boundary\s*=\s*"?([^";\r\n]+)"?/gi;
  const boundaries = new Set<string>();
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    boundaries.add(m[1] as string);
    if (boundaries.size > 10_000) break;
  }
  return boundaries.size;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { simpleParser } = require(workerData.mailparserPath);
const list = (a) => (a ? (Array.isArray(a) ? a : [a]).flatMap((o) => o.value || []).flatMap((v) => v.group ? v.group : [v]).filter((v) => v.address).map((v) => ({ address: v.address, name: v.name || undefined })) : []);
parentPort.on('message', async ({ id, raw, limits }) => {
  try {
    const mail = await simpleParser(Buffer.from(raw), { maxHeadSize: limits.maxHeaderBytes, maxChildNodes: limits.maxParts, skipTextToHtml: true, skipImageLinks: true, keepCidLinks: true, maxHtmlLengthToParse: 2000000 });
    const headers = {};
    for (const h of mail.headerLines || []) {
      const i = h.line.indexOf(':');
      const v = (i === -1 ? '' : h.line.slice(i + 1)).replace(/\\r?\\n[ \\t]+/g, ' ').trim();
      headers[h.key] = headers[h.key] === undefined ? v : headers[h.key] + ', ' + v;
    }
    const ct = mail.headers && mail.headers.get('content-type');
    const contentType = ct ? [ct.value].concat(Object.entries(ct.params || {}).map(([k, v]) => k + '=' + v)).join('; ') : null;
    const transfer = [];
    const attachments = (mail.attachments || []).map((a) => {
      // A fresh copy: mailparser's buffers may sit in Node's shared pool, which cannot be transferred.
      const content = new Uint8Array(a.content);
      transfer.push(content.buffer);
      return { filename: a.filename || 'attachment', contentType: a.contentType || 'application/octet-stream', size: a.size || content.byteLength, contentId: a.contentId ? String(a.contentId).replace(/^<|>$/g, '') : null, inline: !!(a.related || a.contentDisposition === 'inline') && !!a.contentId, content };
    });
    const result = {
      messageId: mail.messageId || null,
      inReplyTo: typeof mail.inReplyTo === 'string' ? mail.inReplyTo : null,
      references: headers['references'] || null,
      threadIndex: headers['thread-index'] || null,
      subject: mail.subject || null,
      date: mail.date && !isNaN(mail.date.getTime()) ? mail.date.getTime() : null,
      from: list(mail.from), to: list(mail.to), cc: list(mail.cc), replyTo: list(mail.replyTo),
      headers, contentType,
      text: typeof mail.text === 'string' ? mail.text : null,
      html: typeof mail.html === 'string' ? mail.html : null,
      attachments,
    };
    parentPort.postMessage({ id, ok: true, result }, transfer);
  } catch (err) {
    const limit = /max (allowed )?(header|child)|Max header size|child nodes/i.test(String(err && err.message));
    parentPort.postMessage({ id, ok: false, kind: limit ? 'limit' : 'error', reason: String((err && err.message) || err).slice(0, 300) });
  }
});
`;

type Pending = { resolve: (o: ParseOutcome) => void; timer: NodeJS.Timeout };

// One parsing thread per process, created on first use; requests are answered in order.
export class MimeParser {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly mailparserPath = createRequire(import.meta.url).resolve('mailparser');

  constructor(private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS) {}

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { mailparserPath: this.mailparserPath }, resourceLimits: { maxOldGenerationSizeMb: 768 } });
    w.unref();
    w.on('message', (msg: { id: number; ok: boolean; result?: RawResult; kind?: 'limit' | 'error'; reason?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      p.resolve(msg.ok && msg.result ? { ok: true, mail: fromRaw(msg.result) } : { ok: false, kind: msg.kind ?? 'error', reason: msg.reason ?? 'parse failed' });
    });
    const fail = (reason: string) => {
      if (this.worker === w) this.worker = null;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.resolve({ ok: false, kind: 'error', reason });
        this.pending.delete(id);
      }
    };
    w.on('error', (err: unknown) => fail(`parser crashed: ${String((err as Error)?.message ?? err).slice(0, 200)}`));
    w.on('exit', () => fail('parser exited'));
    this.worker = w;
    return w;
  }

  async parse(raw: Buffer): Promise<ParseOutcome> {
    const depth = multipartDepth(raw);
    if (depth > this.limits.maxDepth) return { ok: false, kind: 'limit', reason: `multipart nesting deeper than ${this.limits.maxDepth}` };
    const w = this.ensureWorker();
    w.ref();
    const id = this.nextId++;
    return new Promise<ParseOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, kind: 'timeout', reason: `parse took longer than ${this.limits.timeoutMs} ms` });
        // The thread may be spinning on this message: replace it (others in flight get an error and retry).
        if (this.worker === w) this.worker = null;
        void w.terminate();
      }, this.limits.timeoutMs);
      this.pending.set(id, {
        resolve: (o) => {
          if (this.pending.size === 0) w.unref();
          resolve(o);
        },
        timer,
      });
      // A copy, so the caller's buffer stays usable; the worker gets its own.
      const copy = new Uint8Array(raw);
      w.postMessage({ id, raw: copy, limits: this.limits }, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}

type RawResult = Omit<ParsedMail, 'date' | 'attachments'> & { date: number | null; attachments: Array<Omit<ParsedAttachment, 'content'> & { content: Uint8Array }> };

function fromRaw(r: RawResult): ParsedMail {
  return {
    ...r,
    date: r.date === null ? null : new Date(r.date),
    attachments: r.attachments.map((a) => ({ ...a, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) })),
  };
}
