// Outlook's Thread-Index header ([MS-OXOMSG] §2.2.1.3, PidTagConversationIndex): base64 of a
// 22-byte header (1 reserved byte, 5 bytes FILETIME, 16-byte conversation GUID) followed by one
// 5-byte block per reply. The 22-byte header is identical for every message of a conversation,
// so it is the conversation root key.

const HEADER_BYTES = 22;
const CHILD_BLOCK_BYTES = 5;
/** A 10,000-reply chain is ~67 KB of base64; anything larger is not a real Thread-Index. */
const MAX_BASE64_LENGTH = 100_000;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i] as const));

function decodeBase64(value: string): Uint8Array | null {
  const clean = value.replace(/\s+/g, '').replace(/=+$/, '');
  if (clean.length === 0 || clean.length > MAX_BASE64_LENGTH || clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  for (const ch of clean) {
    const v = B64_INDEX.get(ch);
    if (v === undefined) return null;
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

// [MS-OXOMSG] §2.2.1.3: the conversation root of a Thread-Index value as lower-case hex of its
// first 22 bytes, or null when the value is not a well-formed Thread-Index.
export function threadIndexRoot(value: string | null | undefined): string | null {
  if (!value) return null;
  const bytes = decodeBase64(value);
  if (!bytes || bytes.length < HEADER_BYTES) return null;
  if ((bytes.length - HEADER_BYTES) % CHILD_BLOCK_BYTES !== 0) return null;
  return hex(bytes.subarray(0, HEADER_BYTES));
}

// [MS-OXOMSG] §2.2.1.3: how deep in the conversation a message sits (0 = the root message).
export function threadIndexDepth(value: string | null | undefined): number | null {
  if (!threadIndexRoot(value)) return null;
  const bytes = decodeBase64(value ?? '');
  return bytes ? (bytes.length - HEADER_BYTES) / CHILD_BLOCK_BYTES : null;
}
