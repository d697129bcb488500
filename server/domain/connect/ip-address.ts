// Parsing of IP address literals into bytes, without node:net, so the SSRF guard
// (issue 4) can reason about ranges and about IPv4 addresses wrapped inside IPv6 ones.

export type ParsedIp = { family: 4; bytes: number[] } | { family: 6; bytes: number[] };

const DOTTED_QUAD = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

// RFC 791 dotted-decimal in its canonical form only (no leading zeros, four parts).
export function parseIpv4(input: string): ParsedIp | null {
  if (!DOTTED_QUAD.test(input)) return null;
  return { family: 4, bytes: input.split('.').map(Number) };
}

// inet_aton(3) forms that resolvers and URL parsers accept but people never type:
// 2130706433, 0x7f000001, 0177.0.0.1, 127.1. Returns the decoded address so the guard can say
// what it would have reached; null when the text is not a numeric IPv4 form at all.
export function parseLooseIpv4(input: string): ParsedIp | null {
  const parts = input.split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part, 8);
    else if (/^(0|[1-9]\d*)$/.test(part)) value = Number(part);
    else return null;
    if (!Number.isSafeInteger(value)) return null;
    values.push(value);
  }
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255)) return null;
  const lastBytes = 4 - values.length;
  if (last >= 256 ** lastBytes) return null;
  const bytes = [...values];
  for (let i = lastBytes - 1; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return { family: 4, bytes };
}

// RFC 4291 section 2.2 text forms, including "::" compression, an embedded dotted IPv4 tail,
// brackets and a zone id (which only link-local addresses carry).
export function parseIpv6(input: string): ParsedIp | null {
  let text = input;
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(':')) return null;

  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const lastPart = text.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    const v4 = parseIpv4(lastPart);
    if (!v4) return null;
    tail = v4.bytes;
    text = text.slice(0, lastColon + 1) + '0:0';
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const toGroups = (s: string) => (s === '' ? [] : s.split(':'));
  const head = toGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  const missing = 8 - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const group of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
    const value = parseInt(group, 16);
    bytes.push(value >> 8, value & 0xff);
  }
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return { family: 6, bytes };
}

// Either family, canonical IPv4 or any IPv6 text form.
export function parseIp(input: string): ParsedIp | null {
  return parseIpv4(input) ?? parseIpv6(input);
}

// Canonical text (dotted quad, or RFC 5952 compressed lower-case IPv6) for comparisons and messages.
export function formatIp(ip: ParsedIp): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i > 1) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLen).join(':');
  return `${left}::${right}`;
}
