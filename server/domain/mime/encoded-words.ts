// RFC 2047 encoded-words and RFC 2231 leftovers: mailparser decodes well-formed ones; malformed
// mail (split words, wrong charsets, filenames from broken clients) leaves them raw in subjects,
// names and filenames. Uses only TextDecoder, which ships with every JS runtime.

const ENCODED_WORD = /=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]*)\?=/g;

function bytesFromBase64(s: string): Uint8Array | null {
  let clean = s.replace(/[^A-Za-z0-9+/]/g, '');
  // A dangling sixth-bit character cannot encode a byte; broken encoders leave one behind.
  if (clean.length % 4 === 1) clean = clean.slice(0, -1);
  try {
    const bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

function bytesFromQ(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '_') out.push(0x20);
    else if (c === '=' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

// WHATWG Encoding: the labels latin1/iso-8859-1/us-ascii all mean windows-1252, whose 0x80–0x9F
// are printable (€, smart quotes). Some Node builds decode them as C1 controls, so do it here.
const CP1252_LABELS = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'x-cp1252']);
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

function decode(charset: string, bytes: Uint8Array): string | null {
  const label = charset.split('*')[0]?.toLowerCase() ?? '';
  if (CP1252_LABELS.has(label)) return decodeCp1252(bytes);
  try {
    // RFC 2231 §5 allows "charset*language"; the language part is irrelevant here.
    return new TextDecoder(label || 'utf-8').decode(bytes);
  } catch {
    return null;
  }
}

// RFC 2047 §6: decode encoded-words left in a header value; whitespace between adjacent words goes.
// A word that cannot be decoded is dropped rather than shown as "=?...?=" noise.
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (_m, charset: string, enc: string, text: string) => {
    const bytes = enc.toLowerCase() === 'b' ? bytesFromBase64(text) : bytesFromQ(text);
    return (bytes && decode(charset, bytes)) ?? '';
  });
}

// RFC 2231 §4: "utf-8''na%C3%AFve.txt" → "naïve.txt"; anything else is returned unchanged.
export function decodeRfc2231Value(value: string): string {
  const m = /^([A-Za-z0-9_.:-]{1,40})'[A-Za-z0-9-]*'(.*)$/s.exec(value);
  if (!m) return value;
  const [, charset = 'utf-8', encoded = ''] = m;
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i] as string;
    if (c === '%' && /^[0-9a-fA-F]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return decode(charset, Uint8Array.from(bytes)) ?? encoded;
}
