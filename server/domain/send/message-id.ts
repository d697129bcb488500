import { normalizeHostname } from '../connect/hostname';

// RFC 5322 section 3.6.4 Message-IDs for mail sent from the CRM (issue 6: pre-generated on the organization's domain).

export type BuiltMessageId = { ok: true; messageId: string } | { ok: false; problem: 'weak-random' | 'bad-random' | 'bad-domain'; message: string };

// 16 characters of a base64url/hex alphabet is ≥ 64 bits: enough that two sends never collide.
const MIN_RANDOM_LENGTH = 16;
const MAX_RANDOM_LENGTH = 128;
const RANDOM_CHARS = /^[A-Za-z0-9_-]+$/;
// dot-atom-text (RFC 5322 3.2.3) without the characters that confuse naive parsers downstream.
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const NO_FOLD_LITERAL = /^\[[\x21-\x5a\x5e-\x7e]*\]$/;
const MAX_MESSAGE_ID_LENGTH = 995; // leaves room for "Message-ID: " within the 998-octet line limit

// RFC 5322 3.6.4: "<random@domain>" from an injected random string (e.g. base64url of 16 bytes) and the org's domain.
export function buildMessageId(input: { random: string; domain: string }): BuiltMessageId {
  if (!RANDOM_CHARS.test(input.random) || input.random.length > MAX_RANDOM_LENGTH) {
    return { ok: false, problem: 'bad-random', message: 'The random part may only contain letters, digits, "-" and "_".' };
  }
  if (input.random.length < MIN_RANDOM_LENGTH) {
    return { ok: false, problem: 'weak-random', message: `The random part must be at least ${MIN_RANDOM_LENGTH} characters.` };
  }
  const domain = normalizeHostname(input.domain);
  if (!domain.ok || domain.ip !== false || !domain.hostname.includes('.')) {
    return { ok: false, problem: 'bad-domain', message: 'The organization’s domain is not a valid domain name.' };
  }
  return { ok: true, messageId: `<${input.random}@${domain.hostname}>` };
}

// RFC 5322 3.6.4 msg-id: "<" id-left "@" id-right ">" with no whitespace, comments or control characters.
export function isValidMessageId(value: string): boolean {
  if (value.length < 5 || value.length > MAX_MESSAGE_ID_LENGTH) return false;
  if (!value.startsWith('<') || !value.endsWith('>')) return false;
  const inner = value.slice(1, -1);
  const at = inner.lastIndexOf('@');
  if (at <= 0 || at === inner.length - 1) return false;
  const left = inner.slice(0, at);
  const right = inner.slice(at + 1);
  return DOT_ATOM.test(left) && (DOT_ATOM.test(right) || NO_FOLD_LITERAL.test(right));
}
