import libmime from 'libmime';
import { decodeText } from 'imapflow/lib/tools.js';
import type { MailAddress, MessageMetaRecord } from '@/server/services/sync/mail-source';
import { parseHeaderBlock } from './header-block';

// A purpose-built parser for the one response that dominates initial sync (issue 5 "Speed"):
//   * <seq> FETCH (UID u FLAGS (…) INTERNALDATE "…" RFC822.SIZE n ENVELOPE (…) MODSEQ (m) BODY[HEADER.FIELDS (…)] {n}<literal>)
// imapflow's general tokenizer + formatMessageResponse cost ≈ 170 µs per message; this walks the
// line once. It produces exactly what `metaFromImapflow(formatMessageResponse(...))` would, and
// returns null for anything outside the plain grammar (literal8, unbalanced lists, stray bytes, no
// UID), so the caller hands that one response to imapflow instead: unusual input costs speed, never
// correctness. Parity is proven on real Dovecot output in bulk-fetch.integration.test.ts.

// A NIL is null; a literal is the Buffer imapflow's stream already cut out; lists nest.
type Value = string | Buffer | null | Value[];

const SP = 32;
const LPAREN = 40;
const RPAREN = 41;
const DQUOTE = 34;
const BACKSLASH = 92;
const LBRACE = 123;
const LBRACKET = 91;
const RBRACKET = 93;
const LT = 60;
const GT = 62;

class Reader {
  pos = 0;
  literal = 0;
  constructor(
    readonly s: string,
    readonly literals: readonly Buffer[],
  ) {}

  /** Parses "(" … ")" starting at pos; returns null when the text is not a well-formed list. */
  list(depth: number): Value[] | null {
    if (depth > 16 || this.s.charCodeAt(this.pos) !== LPAREN) return null;
    this.pos++;
    const out: Value[] = [];
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.pos);
      if (c === RPAREN) {
        this.pos++;
        return out;
      }
      if (out.length > 0) {
        // Dovecot writes address lists back to back: "((…)(…))". Anything else needs a space.
        if (c === SP) this.pos++;
        else if (c !== LPAREN || s.charCodeAt(this.pos - 1) !== RPAREN) return null;
      }
      const v = this.value(depth);
      if (v === undefined) return null;
      out.push(v);
    }
  }

  /** One value; undefined on a syntax error. */
  value(depth: number): Value | undefined {
    const s = this.s;
    const c = s.charCodeAt(this.pos);
    if (c === LPAREN) return this.list(depth + 1) ?? undefined;
    if (c === DQUOTE) return this.quoted();
    if (c === LBRACE) return this.literalValue();
    return this.atom();
  }

  private quoted(): string | undefined {
    const s = this.s;
    const start = this.pos + 1;
    let end = s.indexOf('"', start);
    // Fast path: no escapes inside.
    const slash = s.indexOf('\\', start);
    if (end !== -1 && (slash === -1 || slash > end)) {
      this.pos = end + 1;
      return s.slice(start, end);
    }
    let out = '';
    let i = start;
    for (;;) {
      if (i >= s.length) return undefined;
      const ch = s.charCodeAt(i);
      if (ch === DQUOTE) break;
      if (ch === BACKSLASH) {
        if (i + 1 >= s.length) return undefined;
        out += s[i + 1];
        i += 2;
        continue;
      }
      end = s.indexOf('"', i);
      const next = s.indexOf('\\', i);
      const stop = next !== -1 && next < end ? next : end;
      if (stop === -1) return undefined;
      out += s.slice(i, stop);
      i = stop;
    }
    this.pos = i + 1;
    return out;
  }

  // imapflow's stream cut the literal out and left "{n}\r\n" in the line.
  private literalValue(): Buffer | undefined {
    const s = this.s;
    const close = s.indexOf('}', this.pos);
    if (close === -1 || s.charCodeAt(close + 1) !== 13 || s.charCodeAt(close + 2) !== 10) return undefined;
    const lit = this.literals[this.literal];
    if (!lit || Number(s.slice(this.pos + 1, close)) !== lit.length) return undefined;
    this.literal++;
    this.pos = close + 3;
    return lit;
  }

  // Atoms run to SP or a paren; a section "[…]" (which holds spaces and parens) and a partial "<…>" are part of it.
  private atom(): string | null | undefined {
    const s = this.s;
    const start = this.pos;
    let i = start;
    for (; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === SP || ch === RPAREN || ch === LPAREN) break;
      if (ch === DQUOTE || ch === LBRACE || ch < SP || ch === 127) return undefined;
      if (ch === LBRACKET) {
        const close = s.indexOf(']', i);
        if (close === -1) return undefined;
        i = close;
        if (s.charCodeAt(i + 1) === LT) {
          const gt = s.indexOf('>', i);
          if (gt === -1) return undefined;
          i = gt;
        }
      } else if (ch === RBRACKET || ch === GT) return undefined;
    }
    if (i === start) return undefined;
    this.pos = i;
    const atom = s.slice(start, i);
    return atom.length === 3 && atom.toUpperCase() === 'NIL' ? null : atom;
  }
}

const str = (v: Value | undefined): string | false => (typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString() : false);

const isDigits = (v: string, max: number) => v.length > 0 && v.length <= max && /^\d+$/.test(v);

function uint(v: Value | undefined, max = 20): number | false {
  const t = str(v);
  if (t === false || !isDigits(t, max)) return false;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : false;
}

// libmime's decodeWords only changes text holding an encoded word (or its own join marker).
const decodeWords = (v: string) => (v.includes('=?') || v.includes('\0') ? libmime.decodeWords(v) : v);
const displayName = (v: string | false) => {
  if (v === false || v === '') return '';
  if (v.includes('=?') || v.includes('\0')) return decodeText(v);
  return v.length > 2 && v.charCodeAt(0) === DQUOTE && v.charCodeAt(v.length - 1) === DQUOTE ? v.slice(1, -1) : v;
};

// parseEnvelope's address rules, then metaFromImapflow's (entries without an address are dropped).
function addresses(v: Value | undefined): MailAddress[] | null {
  if (!Array.isArray(v)) return [];
  const out: MailAddress[] = [];
  for (const a of v) {
    if (a === null) continue;
    if (!Array.isArray(a)) return null;
    const host = str(a[3]);
    if (!host) continue;
    const address = `${str(a[2]) || ''}@${host}`;
    const name = displayName(str(a[0]));
    out.push(name ? { address, name } : { address });
  }
  return out;
}

function toDate(v: string | false): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

const RESPONSE = /^\* \d+ FETCH \(/i;

/** Parses one untagged FETCH response (payload + literals from imapflow's stream); null = not for this path. */
export function parseBulkFetch(payload: Buffer, literals: readonly Buffer[]): MessageMetaRecord | null {
  // `* ` + digits + ` FETCH (`: checked on bytes before decoding anything.
  if (payload[0] !== 42 || payload[1] !== SP) return null;
  const s = payload.toString('utf8');
  const head = RESPONSE.exec(s);
  if (!head) return null;
  const r = new Reader(s, literals);
  r.pos = head[0].length - 1;
  const items = r.list(0);
  if (!items || r.pos !== s.length || r.literal !== literals.length || items.length % 2 !== 0) return null;

  let uid: number | false = false;
  let flags: string[] = [];
  let modseq: bigint | null = null;
  let size: number | null = null;
  let internalDate: Date | null = null;
  let env: Value[] | null = null;
  let headerBlock: Buffer | null = null;
  for (let i = 0; i < items.length; i += 2) {
    const key = items[i];
    const v = items[i + 1];
    if (typeof key !== 'string') return null;
    switch (key.toUpperCase()) {
      case 'UID':
        uid = uint(v, 10);
        break;
      case 'FLAGS':
        if (Array.isArray(v)) {
          const seen = new Set<string>();
          for (const f of v) {
            const t = str(f);
            if (t) seen.add(t);
          }
          flags = [...seen];
        } else flags = [];
        break;
      case 'RFC822.SIZE':
        size = uint(v) || 0;
        break;
      case 'INTERNALDATE':
        internalDate = toDate(str(v));
        break;
      case 'MODSEQ': {
        const t = Array.isArray(v) ? str(v[0]) : false;
        if (t && isDigits(t, 20)) modseq = BigInt(t);
        break;
      }
      case 'ENVELOPE':
        env = Array.isArray(v) ? v : null;
        break;
      default: {
        const part = key.toLowerCase().replace(/<(\d+)(\.\d+)?>$/, '');
        if (!/^(body|binary)\[/.test(part)) break;
        if (part.replace(/^(body|binary)\[|]$/g, '').replace(/\.fields.*$/g, '') !== 'header') break;
        headerBlock = Buffer.isBuffer(v) ? v : typeof v === 'string' ? Buffer.from(v) : null;
      }
    }
  }
  if (!uid) return null;

  const headers = headerBlock && headerBlock.length ? parseHeaderBlock(headerBlock) : {};
  let subject: string | null = null;
  let date: Date | null = null;
  let envMessageId: string | null = null;
  let envInReplyTo: string | null = null;
  let from: MailAddress[] = [];
  let to: MailAddress[] = [];
  let cc: MailAddress[] = [];
  let replyTo: MailAddress[] = [];
  if (env) {
    date = toDate(str(env[0]));
    const subj = str(env[1]);
    subject = subj ? decodeWords(subj) : null;
    const f = addresses(env[2]);
    const t = addresses(env[5]);
    const c = addresses(env[6]);
    const rt = addresses(env[4]);
    if (!f || !t || !c || !rt) return null;
    [from, to, cc, replyTo] = [f, t, c, rt];
    const irt = str(env[8]);
    envInReplyTo = irt ? irt.trim() : null;
    const mid = str(env[9]);
    envMessageId = mid ? mid.trim() : null;
  }
  return {
    uid,
    flags,
    modseq,
    size,
    internalDate,
    messageId: headers['message-id'] ?? envMessageId,
    inReplyTo: headers['in-reply-to'] ?? envInReplyTo,
    references: headers['references'] ?? null,
    threadIndex: headers['thread-index'] ?? null,
    subject,
    date,
    from,
    to,
    cc,
    replyTo,
    headers,
  };
}
