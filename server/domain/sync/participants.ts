// Who takes part in an email, for logging on "every contact whose address takes part"
// (PRODUCT #6, #8 and issue 5 "Logging"). Addresses are compared as lower-case ASCII as given:
// no IDNA conversion, no Gmail dot/plus folding (a+x@ and a@ can be different people elsewhere).

export type AddressLike = { address?: string | null; name?: string | null } | string | null | undefined;

export type ParticipantHeaders = {
  from?: readonly AddressLike[] | AddressLike;
  to?: readonly AddressLike[] | AddressLike;
  cc?: readonly AddressLike[] | AddressLike;
  replyTo?: readonly AddressLike[] | AddressLike;
};

/** RFC 5321 §4.5.3.1.3: a path is at most 256 octets; longer "addresses" are junk. */
const MAX_ADDRESS_LENGTH = 254;

// RFC 5322 §3.4.1 addr-spec, normalised for comparison: trimmed, unbracketed, lower-cased;
// null when it is not an address (no "@", empty side, whitespace inside, too long).
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith('<') && a.endsWith('>')) a = a.slice(1, -1).trim();
  a = a.replace(/^mailto:/i, '').replace(/\.$/, '');
  if (a.length === 0 || a.length > MAX_ADDRESS_LENGTH || /[\s<>,;]/.test(a)) return null;
  const at = a.lastIndexOf('@');
  if (at <= 0 || at === a.length - 1) return null;
  return a.toLowerCase();
}

// RFC 5322 §3.4.1: the domain of an address (after the last "@"), lower-cased; null if none.
export function addressDomain(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at === -1 || at === address.length - 1) return null;
  return address.slice(at + 1).toLowerCase().replace(/\.$/, '');
}

function toList(value: readonly AddressLike[] | AddressLike): readonly AddressLike[] {
  if (value == null) return [];
  return Array.isArray(value) ? (value as readonly AddressLike[]) : [value as AddressLike];
}

function rawOf(a: AddressLike): string | null {
  if (a == null) return null;
  return typeof a === 'string' ? a : (a.address ?? null);
}

// PRODUCT #6/#8: from/to/cc/reply-to → unique normalised addresses in header order, without the
// mailbox owner's own addresses (the owner is not a contact to log on).
export function collectParticipants(headers: ParticipantHeaders, ownAddresses: Iterable<string> = []): string[] {
  const own = new Set<string>();
  for (const o of ownAddresses) {
    const n = normaliseAddress(o);
    if (n) own.add(n);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const field of [headers.from, headers.to, headers.cc, headers.replyTo]) {
    for (const item of toList(field)) {
      const n = normaliseAddress(rawOf(item));
      if (n === null || own.has(n) || seen.has(n)) continue;
      seen.add(n);
      out.push(n);
    }
  }
  return out;
}

export type ContactMatch = {
  /** Unique contact ids, in participant order: one engagement per contact (issue 5). */
  contactIds: string[];
  matched: { address: string; contactId: string }[];
  /** Participants that are not any contact's address. */
  unknown: string[];
};

// PRODUCT #6: map participants to contacts given address → contactId (keys normalised by the caller
// with `normaliseAddress`); a contact with several participating addresses is counted once.
export function mapParticipantsToContacts(participants: readonly string[], contactByAddress: ReadonlyMap<string, string>): ContactMatch {
  const contactIds: string[] = [];
  const seenContacts = new Set<string>();
  const matched: { address: string; contactId: string }[] = [];
  const unknown: string[] = [];
  for (const p of participants) {
    const address = normaliseAddress(p);
    if (!address) continue;
    const contactId = contactByAddress.get(address);
    if (contactId === undefined) {
      unknown.push(address);
      continue;
    }
    matched.push({ address, contactId });
    if (!seenContacts.has(contactId)) {
      seenContacts.add(contactId);
      contactIds.push(contactId);
    }
  }
  return { contactIds, matched, unknown };
}
