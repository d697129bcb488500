// Threading headers for an email the CRM sends (RFC 5322 §3.6.4, PRODUCT #11, issue 6 "Reply from
// the timeline keeps the thread ... trimmed to a safe header length keeping the root and newest ids").
import { capKeepingRootAndNewest, formatMessageId, normaliseMessageId, parseMessageIdList } from './message-id';

/** Ids kept in a References header we write. */
export const MAX_REPLY_REFERENCES = 20;
/** RFC 5322 §2.1.1: 998 characters per line; we keep the whole unfolded value under it. */
export const MAX_REFERENCES_HEADER_CHARS = 998 - 'References: '.length;
/** An id longer than this is dropped from References rather than crowding out the others. */
const MAX_REFERENCE_ID_CHARS = 250;

export type ReplyParent = {
  messageId: string;
  /** The parent's References (raw header or parsed ids). */
  references?: string | readonly string[] | null;
  inReplyTo?: string | readonly string[] | null;
};

export type ThreadingHeaders = {
  /** Wire value for In-Reply-To, or null for a new email. */
  inReplyTo: string | null;
  /** Wire value for References (space-separated, unfolded), or null for a new email. */
  references: string | null;
  /** The same ids without brackets, oldest → newest (what we track). */
  referenceIds: string[];
};

// RFC 5322 §3.6.4 / PRODUCT #11: a reply carries the parent's References (or In-Reply-To) plus the
// parent's id, trimmed keeping the root and the newest; a new email (parent null) carries none.
export function threadingHeadersFor(parent: ReplyParent | null): ThreadingHeaders {
  const parentId = parent ? normaliseMessageId(parent.messageId) : null;
  if (!parent || !parentId) return { inReplyTo: null, references: null, referenceIds: [] };

  let chain = parseMessageIdList(parent.references ?? null, { maxIds: 10_000 });
  // RFC 5322 §3.6.4: with no References, a single-id In-Reply-To stands in for it.
  if (chain.length === 0) {
    const irt = parseMessageIdList(parent.inReplyTo ?? null);
    if (irt.length === 1) chain = irt;
  }
  chain = chain.filter((id) => id !== parentId && id.length <= MAX_REFERENCE_ID_CHARS);
  let ids = capKeepingRootAndNewest([...chain, parentId], MAX_REPLY_REFERENCES);
  // Character budget: drop the oldest non-root ids until it fits; the parent is always kept.
  while (ids.length > 1 && headerLength(ids) > MAX_REFERENCES_HEADER_CHARS) {
    ids = ids.length > 2 ? [ids[0] as string, ...ids.slice(2)] : ids.slice(1);
  }
  return { inReplyTo: formatMessageId(parentId), references: ids.map(formatMessageId).join(' '), referenceIds: ids };
}

function headerLength(ids: readonly string[]): number {
  return ids.reduce((n, id) => n + id.length + 2, 0) + Math.max(0, ids.length - 1);
}
