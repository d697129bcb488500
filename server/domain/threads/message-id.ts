// Message-ID handling (RFC 5322 §3.6.4). Every id the product stores, tracks or
// compares goes through `normaliseMessageId`, so a lookup never misses because of
// brackets, folding whitespace or the case of the domain.
//
// Stored form: no angle brackets, no whitespace, local part (id-left) as received,
// domain part (id-right) lower-cased. Why not lower-case everything: RFC 5322 does
// not make id-left case-insensitive, and real generators (Exchange, Gmail) emit
// mixed-case ids that differ only by case; folding them could merge two threads.
// The domain, like any domain, is case-insensitive, and some relays re-case it.

/** Ids longer than this are junk (RFC 5322 line limit); they are dropped. */
export const MAX_MESSAGE_ID_LENGTH = 998;
/** Default number of ids kept from one References header (root + newest). */
export const DEFAULT_MAX_REFERENCES = 100;

// RFC 5322 §3.6.4: id-left "@" id-right. Returns null for an empty or oversized value.
export function normaliseMessageId(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  let id = raw.replace(/\s+/g, '');
  if (id.startsWith('<')) id = id.slice(1);
  if (id.endsWith('>')) id = id.slice(0, -1);
  // Stray brackets inside mean a broken value such as "<<a@b>>"; strip them all.
  id = id.replace(/[<>]/g, '');
  if (id.length === 0 || id.length > MAX_MESSAGE_ID_LENGTH) return null;
  const at = id.lastIndexOf('@');
  if (at <= 0 || at === id.length - 1) return id;
  return id.slice(0, at) + '@' + id.slice(at + 1).toLowerCase();
}

// RFC 5322 §3.6.4: the wire form of a stored id, for In-Reply-To / References / Message-ID headers.
export function formatMessageId(id: string): string {
  return `<${id}>`;
}

export type ParseIdListOptions = {
  /** Keep at most this many ids: the first (thread root) and the newest ones. */
  maxIds?: number;
};

// RFC 5322 §3.6.4 msg-id lists (References, In-Reply-To): ordered oldest → newest, duplicates
// dropped (first occurrence wins), junk ignored, capped keeping the root and the newest ids.
export function parseMessageIdList(value: string | readonly string[] | null | undefined, options: ParseIdListOptions = {}): string[] {
  if (value == null) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const maxIds = Math.max(1, options.maxIds ?? DEFAULT_MAX_REFERENCES);
  const seen = new Set<string>();
  const ids: string[] = [];
  const push = (candidate: string) => {
    const id = normaliseMessageId(candidate);
    if (id === null || seen.has(id)) return;
    seen.add(id);
    ids.push(id);
  };

  if (text.includes('<')) {
    // Bracketed ids: the only reliable delimiter. Text between them (comments, "Your message
    // of ...", stray words) is ignored. One linear pass, so a hostile header of a million "<"
    // costs O(n); an unclosed "<" is forgotten when a later "<" opens ("<a <b@c>" gives b@c).
    let open = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 60 /* < */) open = i;
      else if (c === 62 /* > */ && open !== -1) {
        const inner = text.slice(open + 1, i);
        if (inner.includes('@')) push(inner);
        open = -1;
      }
    }
  } else {
    // No brackets at all (broken clients): whitespace/comma separated tokens that look like ids.
    for (const token of text.split(/[\s,;]+/)) {
      if (token.includes('@')) push(token);
    }
  }
  return capKeepingRootAndNewest(ids, maxIds);
}

// RFC 5322 §3.6.4 (References is oldest → newest): the root anchors the thread, the newest ids
// are the likeliest to be known, so a capped list keeps the first id plus the last (max - 1).
export function capKeepingRootAndNewest<T>(ids: readonly T[], max: number): T[] {
  if (ids.length <= max) return [...ids];
  if (max <= 1) return ids.slice(0, 1);
  return [ids[0] as T, ...ids.slice(ids.length - (max - 1))];
}

export type SyntheticIdInput = {
  date: Date | null;
  from: string | null;
  subject: string | null;
  size: number | null;
  /** The first bytes of the raw message (headers); callers pass a fixed-length prefix. */
  firstBytes?: string | null;
};

/** Domain of synthetic ids: `.invalid` (RFC 2606) can never collide with a real sender's id. */
export const SYNTHETIC_ID_DOMAIN = 'mailroom.invalid';

// PRODUCT issue 5: a stable synthetic Message-ID for a message lacking one, so the same message
// seen twice (re-sync, second folder, UIDVALIDITY rebuild) gets the same id and is not duplicated.
export function syntheticMessageId(input: SyntheticIdInput, hash: (s: string) => string): string {
  const date = input.date && !Number.isNaN(input.date.getTime()) ? input.date.toISOString() : '';
  const canonical = [
    'v1',
    date,
    (input.from ?? '').trim().toLowerCase(),
    (input.subject ?? '').replace(/\s+/g, ' ').trim(),
    input.size == null ? '' : String(input.size),
    input.firstBytes ?? '',
  ].join('\u0000');
  return `synthetic.${hash(canonical)}@${SYNTHETIC_ID_DOMAIN}`;
}

// Issue 5 synthetic ids: true when an id was made up by us (RFC 2606 .invalid domain), not sent by anyone.
export function isSyntheticMessageId(id: string): boolean {
  return id.startsWith('synthetic.') && id.endsWith('@' + SYNTHETIC_ID_DOMAIN);
}
