import { normalizeHostname } from '../connect/hostname';

// Email address syntax shared by the connect form and the composer.

export type ParsedAddress =
  | { ok: true; address: string; localPart: string; domain: string }
  | { ok: false; message: string };

const MAX_ADDRESS_LENGTH = 254; // RFC 5321 4.5.3.1.3 path limit minus the angle brackets
const MAX_LOCAL_LENGTH = 64; // RFC 5321 4.5.3.1.1
// RFC 5322 atext, plus letters and digits of any script (RFC 6531 SMTPUTF8 local parts).
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{N}\p{M}]+$/u;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

const bad = (message: string): ParsedAddress => ({ ok: false, message });

// RFC 5321/5322 dot-atom addresses (no quoted local parts, no IP literals), domain lower-cased and punycoded.
export function parseEmailAddress(input: string): ParsedAddress {
  if (input.length > 2 * MAX_ADDRESS_LENGTH) return bad('This email address is too long.');
  if (INVISIBLE.test(input)) return bad('This email address contains invisible or control characters.');
  const text = input.trim();
  if (text === '') return bad('Enter an email address.');
  if (/\s/u.test(text)) return bad('An email address cannot contain spaces.');
  const at = text.lastIndexOf('@');
  if (at === -1) return bad(`“${text}” is missing the @ sign.`);
  const localPart = text.slice(0, at);
  const domainText = text.slice(at + 1);
  if (localPart === '') return bad(`“${text}” has nothing before the @ sign.`);
  if (domainText === '') return bad(`“${text}” has nothing after the @ sign.`);
  if (localPart.length > MAX_LOCAL_LENGTH) return bad('The part before the @ sign is too long.');
  const atoms = localPart.split('.');
  if (atoms.some((atom) => atom === '' || !LOCAL_ATOM.test(atom))) return bad(`“${text}” is not a valid email address.`);
  if (domainText.startsWith('[') || domainText.endsWith('.')) return bad(`“${text}” is not a valid email address.`);
  const domain = normalizeHostname(domainText);
  if (!domain.ok || domain.ip !== false || !domain.hostname.includes('.')) return bad(`“${text}” does not have a valid domain after the @ sign.`);
  const address = `${localPart}@${domain.hostname}`;
  if (address.length > MAX_ADDRESS_LENGTH) return bad('This email address is too long.');
  return { ok: true, address, localPart, domain: domain.hostname };
}

// Duplicate detection key: domains are case-insensitive; local parts are treated so too, as every major provider does.
export function addressKey(address: string): string {
  return address.toLowerCase();
}
