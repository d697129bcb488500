import { formatIp, parseIp, parseLooseIpv4, type ParsedIp } from './ip-address';
import { normalizeHostname } from './hostname';

// SSRF guard decisions (issue 4): which user-supplied hosts and resolved addresses the
// server may connect to. The adapter resolves names and calls these before every connect.

export type RefusalReason =
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'broadcast'
  | 'reserved'
  | 'benchmark'
  | 'documentation'
  | 'unique-local'
  | 'ipv4-compatible'
  | 'teredo'
  | 'metadata'
  | 'internal-name'
  | 'obfuscated-ip'
  | 'invalid';

/** How a refused IPv4 address was hidden inside an IPv6 one, when it was. */
export type Wrapping = 'ipv4-mapped' | 'nat64' | '6to4';

export type AddressVerdict =
  | { allowed: true; address: string; via: 'public' | 'allow-list' }
  | { allowed: false; address: string; reason: RefusalReason; wrapped?: Wrapping; message: string };

export type AddressPolicyOptions = {
  /** Exact addresses or host names permitted despite the rules (dev and tests: ['127.0.0.1']). */
  allow?: readonly string[];
};

type Range = { bytes: number[]; prefix: number; reason: RefusalReason };

const v4 = (text: string, prefix: number, reason: RefusalReason): Range => ({ bytes: text.split('.').map(Number), prefix, reason });
const v6 = (text: string, prefix: number, reason: RefusalReason): Range => {
  const parsed = parseIp(text);
  if (!parsed) throw new Error(`bad range ${text}`);
  return { bytes: parsed.bytes, prefix, reason };
};

// IANA IPv4 Special-Purpose Address Registry (RFC 6890 and successors), most specific first.
const IPV4_RANGES: Range[] = [
  v4('0.0.0.0', 32, 'unspecified'),
  v4('255.255.255.255', 32, 'broadcast'),
  v4('0.0.0.0', 8, 'reserved'),
  v4('10.0.0.0', 8, 'private'),
  v4('100.64.0.0', 10, 'cgnat'),
  v4('127.0.0.0', 8, 'loopback'),
  v4('169.254.0.0', 16, 'link-local'),
  v4('172.16.0.0', 12, 'private'),
  v4('192.0.0.0', 24, 'reserved'),
  v4('192.0.2.0', 24, 'documentation'),
  v4('192.88.99.0', 24, 'reserved'),
  v4('192.168.0.0', 16, 'private'),
  v4('198.18.0.0', 15, 'benchmark'),
  v4('198.51.100.0', 24, 'documentation'),
  v4('203.0.113.0', 24, 'documentation'),
  v4('224.0.0.0', 4, 'multicast'),
  v4('240.0.0.0', 4, 'reserved'),
];

// IANA IPv6 Special-Purpose Address Registry; wrapped-IPv4 prefixes are handled separately.
const IPV6_RANGES: Range[] = [
  v6('::', 128, 'unspecified'),
  v6('::1', 128, 'loopback'),
  v6('64:ff9b:1::', 48, 'reserved'),
  v6('100::', 64, 'reserved'),
  v6('2001::', 32, 'teredo'),
  v6('2001:2::', 48, 'benchmark'),
  v6('2001:db8::', 32, 'documentation'),
  v6('2001::', 23, 'reserved'),
  v6('3fff::', 20, 'documentation'),
  v6('5f00::', 16, 'reserved'),
  v6('fc00::', 7, 'unique-local'),
  v6('fe80::', 10, 'link-local'),
  v6('fec0::', 10, 'private'),
  v6('ff00::', 8, 'multicast'),
];

// Cloud instance-metadata endpoints by name; their addresses are link-local or ULA anyway.
const METADATA_NAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.internal',
  'metadata.platformequinix.com',
  'metadata.packet.net',
]);
const METADATA_ADDRESSES = new Set(['169.254.169.254', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200', '168.63.129.16']);
// Suffixes that only ever name machines inside a private network (RFC 6761, RFC 6762, RFC 8375).
const INTERNAL_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa', 'lan', 'intranet', 'corp'];

const REASON_TEXT: Record<RefusalReason, string> = {
  private: 'a private network address',
  loopback: 'this machine (loopback)',
  'link-local': 'a link-local address',
  cgnat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  unspecified: 'an unspecified address',
  broadcast: 'the broadcast address',
  reserved: 'a reserved address',
  benchmark: 'a benchmarking address',
  documentation: 'a documentation-only address',
  'unique-local': 'a private IPv6 address',
  'ipv4-compatible': 'a deprecated IPv4-compatible IPv6 address',
  teredo: 'a Teredo tunnel address',
  metadata: 'a cloud metadata service',
  'internal-name': 'an internal network name',
  'obfuscated-ip': 'an IP address written in an unusual form',
  invalid: 'an invalid address',
};

function inRange(ip: ParsedIp, range: Range): boolean {
  for (let bit = 0; bit < range.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((ip.bytes[byte] ?? 0) & mask) !== ((range.bytes[byte] ?? 0) & mask)) return false;
  }
  return true;
}

const startsWith = (bytes: number[], prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

type Refused = Extract<AddressVerdict, { allowed: false }>;

function refuse(address: string, reason: RefusalReason, wrapped?: Wrapping): Refused {
  const where = wrapped ? `${REASON_TEXT[reason]} hidden inside an IPv6 address` : REASON_TEXT[reason];
  return {
    allowed: false,
    address,
    reason,
    ...(wrapped ? { wrapped } : {}),
    message: `This server points to ${where}, which is not allowed. Use the public address of your mail provider.`,
  };
}

function classifyV4(bytes: number[]): RefusalReason | null {
  if (METADATA_ADDRESSES.has(bytes.join('.'))) return 'metadata';
  const ip: ParsedIp = { family: 4, bytes };
  return IPV4_RANGES.find((r) => inRange(ip, r))?.reason ?? null;
}

// Embedded IPv4 inside IPv6 (RFC 4291 mapped/compatible, RFC 6052 NAT64, RFC 3056 6to4).
function unwrap(bytes: number[]): { wrapping: Wrapping | 'ipv4-compatible'; v4: number[] } | null {
  const zeros10 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  if (startsWith(bytes, [...zeros10, 0xff, 0xff])) return { wrapping: 'ipv4-mapped', v4: bytes.slice(12) };
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, ...Array<number>(8).fill(0)])) return { wrapping: 'nat64', v4: bytes.slice(12) };
  if (startsWith(bytes, [0x20, 0x02])) return { wrapping: '6to4', v4: bytes.slice(2, 6) };
  if (startsWith(bytes, [...zeros10, 0, 0]) && bytes.slice(12).some((b, i) => (i < 3 ? b !== 0 : b > 1))) {
    return { wrapping: 'ipv4-compatible', v4: bytes.slice(12) };
  }
  return null;
}

// Issue 4 SSRF guard: is a resolved address (dns.lookup output) one we may connect to?
export function classifyAddress(address: string, options: AddressPolicyOptions = {}): AddressVerdict {
  const ip = parseIp(address.trim());
  if (!ip) return refuse(address, 'invalid');
  const canonical = formatIp(ip);
  if (isAllowListed(canonical, options.allow)) return { allowed: true, address: canonical, via: 'allow-list' };

  if (ip.family === 4) {
    const reason = classifyV4(ip.bytes);
    return reason ? refuse(canonical, reason) : { allowed: true, address: canonical, via: 'public' };
  }
  if (METADATA_ADDRESSES.has(canonical)) return refuse(canonical, 'metadata');
  const wrapped = unwrap(ip.bytes);
  if (wrapped?.wrapping === 'ipv4-compatible') return refuse(canonical, 'ipv4-compatible');
  if (wrapped) {
    // A public IPv4 behind NAT64 or 6to4 is how some networks reach the internet; a private one is a bypass.
    const reason = classifyV4(wrapped.v4);
    return reason ? refuse(canonical, reason, wrapped.wrapping) : { allowed: true, address: canonical, via: 'public' };
  }
  const special = IPV6_RANGES.find((r) => inRange(ip, r));
  if (special) return refuse(canonical, special.reason);
  // Only 2000::/3 is allocated for global unicast; everything else has no business being a mail server.
  if (((ip.bytes[0] ?? 0) & 0xe0) !== 0x20) return refuse(canonical, 'reserved');
  return { allowed: true, address: canonical, via: 'public' };
}

// Issue 4: every resolved address must pass, so a name that also resolves privately is refused (DNS rebinding).
export function classifyResolvedAddresses(
  addresses: readonly string[],
  options: AddressPolicyOptions = {},
): { allowed: true; addresses: string[] } | Refused {
  if (addresses.length === 0) return { allowed: false, address: '', reason: 'invalid', message: 'This server name does not resolve to any address.' };
  const allowed: string[] = [];
  for (const address of addresses) {
    const verdict = classifyAddress(address, options);
    if (!verdict.allowed) return verdict;
    allowed.push(verdict.address);
  }
  return { allowed: true, addresses: allowed };
}

export type HostVerdict =
  | { allowed: true; hostname: string; kind: 'name' | 'ip'; via: 'rules' | 'allow-list' }
  | { allowed: false; hostname: string; reason: RefusalReason; wrapped?: Wrapping; decoded?: string; message: string };

// Issue 4: refuse a host name before resolving it (metadata names, internal suffixes, IP literal tricks).
export function classifyHost(host: string, options: AddressPolicyOptions = {}): HostVerdict {
  const trimmed = host.trim().replace(/\.$/, '').toLowerCase();
  const loose = /^[0-9a-fx.]+$/i.test(trimmed) ? parseLooseIpv4(trimmed) : null;
  if (loose && formatIp(loose) !== trimmed) {
    const decoded = formatIp(loose);
    return { allowed: false, hostname: trimmed, reason: 'obfuscated-ip', decoded, message: refuse(decoded, 'obfuscated-ip').message };
  }
  const normalized = normalizeHostname(host);
  if (!normalized.ok) {
    const reason: RefusalReason = normalized.problem === 'obfuscated-ip' ? 'obfuscated-ip' : 'invalid';
    return { allowed: false, hostname: trimmed, reason, message: normalized.message };
  }
  const name = normalized.hostname;
  if (isAllowListed(name, options.allow)) return { allowed: true, hostname: name, kind: normalized.ip ? 'ip' : 'name', via: 'allow-list' };
  if (normalized.ip) {
    const verdict = classifyAddress(name, options);
    if (verdict.allowed) return { allowed: true, hostname: verdict.address, kind: 'ip', via: 'rules' };
    const { reason, message, wrapped } = verdict;
    return { allowed: false, hostname: verdict.address, reason, message, ...(wrapped ? { wrapped } : {}) };
  }
  if (METADATA_NAMES.has(name)) return { allowed: false, hostname: name, reason: 'metadata', message: refuse(name, 'metadata').message };
  // A single label resolves through the machine's search domains: always an internal name.
  if (!name.includes('.') || INTERNAL_SUFFIXES.some((s) => name === s || name.endsWith(`.${s}`))) {
    return { allowed: false, hostname: name, reason: 'internal-name', message: refuse(name, 'internal-name').message };
  }
  return { allowed: true, hostname: name, kind: 'name', via: 'rules' };
}

function isAllowListed(value: string, allow: readonly string[] | undefined): boolean {
  if (!allow || allow.length === 0) return false;
  return allow.some((entry) => {
    const ip = parseIp(entry.trim());
    return (ip ? formatIp(ip) : entry.trim().replace(/\.$/, '').toLowerCase()) === value;
  });
}

export type AllowListCheck = { ok: true } | { ok: false; message: string };

// Issue 4: the dev/test allow-list must not silently reach production.
export function checkAllowListForEnvironment(input: {
  nodeEnv: string | undefined;
  allow: readonly string[];
  acknowledged: boolean;
}): AllowListCheck {
  const bad = input.allow.filter((entry) => !parseIp(entry.trim()) && !normalizeHostname(entry).ok);
  if (bad.length > 0) return { ok: false, message: `The SSRF allow-list has entries that are not addresses or host names: ${bad.join(', ')}.` };
  if (input.allow.length === 0 || input.nodeEnv !== 'production' || input.acknowledged) return { ok: true };
  return {
    ok: false,
    message:
      'An SSRF allow-list is set while NODE_ENV=production. It lets users reach internal addresses; remove it or set the explicit acknowledgement flag.',
  };
}
