// RFC 5322 §2.2: a header block (BODY[HEADER.FIELDS ...]) → lower-cased name → unfolded value.
// Repeated fields are joined with ", " (noise rules only need to know a field is there).
// Values are capped so a hostile 1 MB References header costs a bounded amount downstream.

export const MAX_HEADER_VALUE_CHARS = 256 * 1024;

export function parseHeaderBlock(block: Buffer | string): Record<string, string> {
  const text = typeof block === 'string' ? block : block.toString('utf8');
  const out: Record<string, string> = {};
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name === null) return;
    const v = value.replace(/\s+/g, ' ').trim().slice(0, MAX_HEADER_VALUE_CHARS);
    out[name] = out[name] === undefined ? v : `${out[name]}, ${v}`;
    name = null;
    value = '';
  };
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    start = end + 1;
    if (line.length === 0) continue;
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && name !== null) {
      if (value.length < MAX_HEADER_VALUE_CHARS) value += ' ' + line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    flush();
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return out;
}
