import { formatIp, parseIpv4, parseIpv6, parseLooseIpv4 } from './ip-address';

// Hostname normalisation for user-typed server names (issue 4 "Bad input").

export type HostnameProblem =
  | 'empty'
  | 'too-long'
  | 'invisible-characters'
  | 'invalid-characters'
  | 'obfuscated-ip'
  | 'invalid-label'
  | 'invalid-idna';

export type NormalizedHostname =
  | { ok: true; hostname: string; ip: 4 | 6 | false }
  | { ok: false; problem: HostnameProblem; message: string };

// Long enough for any real name plus IDNA expansion, short enough to stop 10 KB pastes early.
const MAX_INPUT_LENGTH = 1000;
const MAX_HOSTNAME_LENGTH = 253;
// Controls, format characters (bidi overrides, zero-width joiners, BOM) and line/paragraph
// separators: URL parsing would silently drop some of them, so we refuse instead of guessing.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00AD\u115F\u1160\u3164\uFFA0]|\u034F/u;
// Characters that would make the text a URL rather than a host (userinfo, path, port, escapes).
const URL_SYNTAX = /[\s/\\?#@%:[\]<>"'`^{}|,;!$&()*+=~]/u;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

const messages: Record<HostnameProblem, string> = {
  empty: 'Enter the server name, for example imap.example.com.',
  'too-long': 'This server name is too long.',
  'invisible-characters': 'This server name contains invisible or control characters. Type it again by hand.',
  'invalid-characters': 'Enter only the server name, for example imap.example.com, without "https://", a port or spaces.',
  'obfuscated-ip': 'Enter the server name, or an IP address written as four numbers separated by dots.',
  'invalid-label': 'This is not a valid server name. Check the spelling, for example imap.example.com.',
  'invalid-idna': 'This server name contains characters that cannot be used in a domain name.',
};

const fail = (problem: HostnameProblem): NormalizedHostname => ({ ok: false, problem, message: messages[problem] });

// RFC 1123 host names and RFC 5891 IDNA: trim, drop one trailing dot, lower-case, punycode.
export function normalizeHostname(input: string): NormalizedHostname {
  if (input.length > MAX_INPUT_LENGTH) return fail('too-long');
  // Pasted values often carry a trailing newline; anything invisible inside the name is refused.
  let text = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (INVISIBLE.test(text)) return fail('invisible-characters');
  text = text.trim();
  if (text === '') return fail('empty');

  // IPv6 literals may be typed with or without brackets; they are the only place ':' is allowed.
  if (text.includes(':')) {
    const v6 = parseIpv6(text);
    return v6 ? { ok: true, hostname: formatIp(v6), ip: 6 } : fail('invalid-characters');
  }
  if (text.endsWith('.')) text = text.slice(0, -1);
  if (URL_SYNTAX.test(text)) return fail('invalid-characters');
  if (text === '') return fail('empty');

  const lower = text.toLowerCase();
  if (parseIpv4(lower)) return { ok: true, hostname: lower, ip: 4 };
  if (parseLooseIpv4(lower) || /^[0-9.]+$/.test(lower) || /^0x/i.test(lower.split('.').pop() ?? '')) {
    return fail('obfuscated-ip');
  }
  // A numeric last label is how URL parsers spot IPv4; real top-level domains are never numeric.
  if (/^\d+$/.test(lower.split('.').pop() ?? '')) return fail('invalid-label');

  let ascii: string;
  try {
    // The WHATWG URL host parser applies UTS #46 mapping and punycode; it has no I/O.
    ascii = new URL(`http://${text}`).hostname;
  } catch {
    return fail('invalid-idna');
  }
  // Full-width digits ("１２７.０.０.１") only become an IPv4 address after UTS #46 mapping.
  if (parseIpv4(ascii) || /^\d+$/.test(ascii.split('.').pop() ?? '')) return fail('obfuscated-ip');
  if (ascii.length > MAX_HOSTNAME_LENGTH) return fail('too-long');
  const labels = ascii.split('.');
  if (!labels.every((label) => LABEL.test(label))) return fail('invalid-label');
  return { ok: true, hostname: ascii, ip: false };
}
