// Reply matching (PRODUCT #7): does an incoming or synced message belong to a thread that was
// sent from or logged to the CRM? The decision records *why*, for "Why is this here?" and the
// mailbox health page, so it is plain JSON-safe data (stored in message.match_decision).
import { normaliseMessageId, parseMessageIdList } from './message-id';
import { splitSubject } from './normalise-subject';
import { threadIndexRoot } from './thread-index';
import { collectParticipants, type AddressLike } from '../sync/participants';

export type TrackedSource = 'sent' | 'logged' | 'bcc' | 'reply';
export type TrackedId = { threadId: string; source: TrackedSource | (string & {}) };

export type MessageMeta = {
  messageId: string | null;
  /** Raw header value or already-parsed ids. */
  inReplyTo?: string | readonly string[] | null;
  references?: string | readonly string[] | null;
  threadIndex?: string | null;
  subject?: string | null;
  from?: readonly AddressLike[] | AddressLike;
  to?: readonly AddressLike[] | AddressLike;
  cc?: readonly AddressLike[] | AddressLike;
  date: Date;
};

/** A tracked thread the fallbacks may attach a reference-less message to. */
export type ThreadCandidate = {
  threadId: string;
  /** `threadIndexRoot()` of the thread's Outlook Thread-Index, when it has one. */
  threadIndexRoot?: string | null;
  /** `normaliseSubject()` of the thread subject. */
  normalisedSubject: string;
  /** Normalised addresses that took part in the thread. */
  participants: readonly string[];
  lastActivityAt: Date;
};

export type MatchVia = 'message-id' | 'in-reply-to' | 'references' | 'thread-index' | 'subject-participants';

export type MatchDecision =
  | {
      matched: true;
      threadId: string;
      via: MatchVia;
      /** The tracked Message-ID that matched (header-based rules). */
      matchedId?: string;
      /** Where that id was found. */
      header?: 'Message-ID' | 'In-Reply-To' | 'References' | 'Thread-Index' | 'Subject';
      source?: string;
      /** Addresses shared with the thread (subject-participants rule). */
      sharedParticipants?: string[];
    }
  | {
      matched: false;
      reason: 'no-references' | 'references-not-tracked';
      /** Every id looked up, newest first, so the health page can show what was tried. */
      checkedIds: string[];
      fallbacksTried: ('thread-index' | 'subject-participants')[];
    };

/** Default window for the subject + participants fallback. */
export const SUBJECT_MATCH_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export type ReplyMatchInput = {
  message: MessageMeta;
  /** Normalised Message-ID → tracked thread (tracked_message_id rows). */
  tracked: ReadonlyMap<string, TrackedId>;
  candidates?: readonly ThreadCandidate[];
  /** The mailbox owner's addresses: never count as a "shared participant". */
  ownAddresses?: readonly string[];
  subjectWindowMs?: number;
};

// PRODUCT #7: In-Reply-To, then References newest → oldest, then Thread-Index root, then
// normalised subject + shared participants inside a time window. First hit wins.
export function matchReply(input: ReplyMatchInput): MatchDecision {
  const { message, tracked } = input;

  // The message itself is tracked: it is the Sent-folder copy of a CRM-sent email, or a BCC'd one.
  const ownId = normaliseMessageId(message.messageId);
  if (ownId) {
    const hit = tracked.get(ownId);
    if (hit) return { matched: true, threadId: hit.threadId, via: 'message-id', matchedId: ownId, header: 'Message-ID', source: hit.source };
  }

  const checkedIds: string[] = [];
  const inReplyTo = parseMessageIdList(message.inReplyTo ?? null);
  // In-Reply-To may (rarely) list several parents; the last is the most recent.
  for (const id of [...inReplyTo].reverse()) {
    checkedIds.push(id);
    const hit = tracked.get(id);
    if (hit) return { matched: true, threadId: hit.threadId, via: 'in-reply-to', matchedId: id, header: 'In-Reply-To', source: hit.source };
  }

  const references = parseMessageIdList(message.references ?? null);
  const alreadyChecked = new Set(checkedIds);
  for (let i = references.length - 1; i >= 0; i--) {
    const id = references[i] as string;
    if (alreadyChecked.has(id)) continue;
    checkedIds.push(id);
    const hit = tracked.get(id);
    if (hit) return { matched: true, threadId: hit.threadId, via: 'references', matchedId: id, header: 'References', source: hit.source };
  }

  const fallbacksTried: ('thread-index' | 'subject-participants')[] = [];
  const candidates = input.candidates ?? [];
  const root = threadIndexRoot(message.threadIndex);
  if (root && candidates.length > 0) {
    fallbacksTried.push('thread-index');
    const hit = mostRecent(candidates.filter((c) => c.threadIndexRoot === root));
    if (hit) return { matched: true, threadId: hit.threadId, via: 'thread-index', matchedId: root, header: 'Thread-Index' };
  }

  if (candidates.length > 0) {
    const bySubject = matchBySubjectAndParticipants(input, candidates, fallbacksTried);
    if (bySubject) return bySubject;
  }

  return { matched: false, reason: checkedIds.length === 0 ? 'no-references' : 'references-not-tracked', checkedIds, fallbacksTried };
}

// Only a message whose subject carries a reply/forward prefix qualifies: a fresh email that merely
// reuses a subject ("Meeting") is not a reply, and logging it would leak unrelated mail (PRODUCT #7).
function matchBySubjectAndParticipants(
  input: ReplyMatchInput,
  candidates: readonly ThreadCandidate[],
  tried: ('thread-index' | 'subject-participants')[],
): MatchDecision | null {
  const { normalised, hadReplyPrefix } = splitSubject(input.message.subject);
  if (!hadReplyPrefix || normalised.length === 0) return null;
  tried.push('subject-participants');
  const window = input.subjectWindowMs ?? SUBJECT_MATCH_WINDOW_MS;
  const people = new Set(collectParticipants({ from: input.message.from, to: input.message.to, cc: input.message.cc }, input.ownAddresses ?? []));
  if (people.size === 0) return null;
  const at = input.message.date.getTime();
  const eligible: { c: ThreadCandidate; shared: string[] }[] = [];
  for (const c of candidates) {
    if (c.normalisedSubject !== normalised) continue;
    if (Math.abs(at - c.lastActivityAt.getTime()) > window) continue;
    const shared = c.participants.filter((p) => people.has(p.toLowerCase()));
    if (shared.length > 0) eligible.push({ c, shared });
  }
  const best = mostRecent(eligible.map((e) => e.c));
  if (!best) return null;
  const shared = eligible.find((e) => e.c === best)?.shared ?? [];
  return { matched: true, threadId: best.threadId, via: 'subject-participants', header: 'Subject', sharedParticipants: shared };
}

function mostRecent(list: readonly ThreadCandidate[]): ThreadCandidate | undefined {
  let best: ThreadCandidate | undefined;
  for (const c of list) {
    const t = c.lastActivityAt.getTime();
    const b = best?.lastActivityAt.getTime();
    // Ties break on threadId so the same input always gives the same thread.
    if (!best || b === undefined || t > b || (t === b && c.threadId < best.threadId)) best = c;
  }
  return best;
}

const SOURCE_TEXT: Record<string, string> = {
  sent: 'an email sent from the CRM',
  logged: 'an email logged in the CRM',
  bcc: 'an email logged by BCC',
  reply: 'an earlier logged reply',
};

// PRODUCT #7 / issue 7 "Why is this here?": one short sentence a rep can read.
export function explainMatch(decision: MatchDecision): string {
  if (!decision.matched) {
    const tried = decision.fallbacksTried.length > 0 ? ` (also tried: ${decision.fallbacksTried.join(', ')})` : '';
    if (decision.reason === 'no-references') return `Not logged: the email does not reply to any earlier email${tried}.`;
    const n = decision.checkedIds.length;
    return `Not logged: none of the ${n} referenced email${n === 1 ? '' : 's'} was sent from or logged in the CRM${tried}.`;
  }
  const what = SOURCE_TEXT[decision.source ?? ''] ?? 'an email tracked by the CRM';
  const id = decision.matchedId ? `<${decision.matchedId}>` : '';
  switch (decision.via) {
    case 'message-id':
      return `Logged because this email is itself ${what} (Message-ID ${id}).`;
    case 'in-reply-to':
      return `Logged because it replies directly to ${what} (In-Reply-To ${id}).`;
    case 'references':
      return `Logged because its References header contains ${what} (${id}).`;
    case 'thread-index':
      return 'Logged because Outlook marks it as part of a conversation tracked by the CRM (Thread-Index).';
    case 'subject-participants':
      return `Logged because it has the same subject as a tracked conversation and shares participants (${(decision.sharedParticipants ?? []).join(', ')}).`;
  }
}
