import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, memberships, notifications, organizations, threads, trackedMessageIds, users } from '@/db/schema';
import type { Logger } from '@/server/logger';
import type { InboundMessage, InboundVerdict } from '@/server/adapters/inbound-smtp';
import { MimeParser } from '@/server/adapters/mime-parse';
import { bccContentAllowed, MAX_BCC_LOGGED_BYTES } from '@/server/domain/sync/attachment-policy';
import { collectParticipants, normaliseAddress } from '@/server/domain/sync/participants';
import { normaliseMessageId, parseMessageIdList, syntheticMessageId } from '@/server/domain/threads/message-id';
import { contactsByAddress, logMessage } from '@/server/services/logging/log-message';

// The BCC/forward logging address (issue 6, PRODUCT #6): `<organization.logging_token>@<INBOUND_EMAIL_DOMAIN>`.
// Only members of the organization may log mail this way; content over 2 MB is refused with the rule
// spelled out; logged mail lands on the matching contacts' timelines as `bcc_logged` and its thread is
// tracked, so the contact's replies are logged too.

export type BccDeps = { db: Database; logger?: Logger; inboundDomain: string; parser?: MimeParser; hash?: (s: string) => string };

export const TOO_LARGE_TEXT = `Emails over ${MAX_BCC_LOGGED_BYTES / 1024 / 1024} MB are not logged through the logging address (HubSpot’s limit). Send it from the CRM or log a smaller email.`;

export function loggingAddress(token: string, inboundDomain: string): string {
  return `${token}@${inboundDomain}`;
}

// The organization a logging address belongs to, or null (unknown token or another domain).
export async function organizationForAddress(db: Database, address: string, inboundDomain: string): Promise<string | null> {
  const a = normaliseAddress(address);
  if (!a) return null;
  const at = a.lastIndexOf('@');
  if (a.slice(at + 1) !== inboundDomain.toLowerCase()) return null;
  const token = a.slice(0, at);
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.loggingToken, token), isNull(organizations.deletedAt)))
    .limit(1);
  return org?.id ?? null;
}

// A member's sign-in address or the address of a mailbox a member connected: who may log mail.
export async function memberForAddresses(db: Database, organizationId: string, addresses: string[]): Promise<string | null> {
  const list = [...new Set(addresses.map((a) => normaliseAddress(a)).filter((a): a is string => a !== null))];
  if (list.length === 0) return null;
  const [byLogin] = await db
    .select({ userId: users.id })
    .from(users)
    .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organizationId, organizationId)))
    .where(inArray(sql`lower(${users.email})`, list))
    .limit(1);
  if (byLogin) return byLogin.userId;
  const [byMailbox] = await db
    .select({ userId: mailboxes.ownerUserId })
    .from(mailboxes)
    .innerJoin(memberships, and(eq(memberships.userId, mailboxes.ownerUserId), eq(memberships.organizationId, organizationId)))
    .where(and(eq(mailboxes.organizationId, organizationId), isNull(mailboxes.removedAt), inArray(sql`lower(${mailboxes.emailAddress})`, list)))
    .limit(1);
  return byMailbox?.userId ?? null;
}

const reject = (code: number, message: string): InboundVerdict => ({ ok: false, code, message });

export async function checkLoggingRecipient(deps: BccDeps, address: string): Promise<InboundVerdict> {
  const org = await organizationForAddress(deps.db, address, deps.inboundDomain);
  return org ? { ok: true } : reject(550, '5.1.1 No such logging address.');
}

// Forwarded mail: the original's From/To lines inside the body ("---------- Forwarded message ---------").
function forwardedAddresses(text: string | null): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.slice(0, 20_000).matchAll(/^\s*>?\s*(?:From|To|Cc|Fra|Von|De|Til|An)\s*:.*?([^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[a-z]{2,})/gim)) {
    if (m[1]) out.push(m[1]);
  }
  return out;
}

export type BccOutcome = { status: 'logged'; engagementIds: string[]; contacts: number } | { status: 'no-contacts' } | { status: 'too-large' } | { status: 'refused' };

// Issue 6: decide and log one message received on the logging address.
export async function handleLoggingMessage(deps: BccDeps, m: InboundMessage): Promise<InboundVerdict & { outcome?: BccOutcome }> {
  const orgIds = new Set<string>();
  for (const r of m.recipients) {
    const org = await organizationForAddress(deps.db, r, deps.inboundDomain);
    if (org) orgIds.add(org);
  }
  const [organizationId] = [...orgIds];
  if (!organizationId) return reject(550, '5.1.1 No such logging address.');
  const senderUserId = await memberForAddresses(deps.db, organizationId, [...(m.envelopeFrom ? [m.envelopeFrom] : []), ...m.headerFrom]);
  if (!senderUserId) {
    deps.logger?.warn({ organizationId }, 'logging address: sender is not a member');
    return { ...reject(550, '5.7.1 Only members of this CRM organization can log emails to this address.'), outcome: { status: 'refused' } };
  }
  const size = bccContentAllowed(m.size);
  if (!size.log) {
    await deps.db.insert(notifications).values({ organizationId, userId: senderUserId, kind: 'bcc_too_large', message: TOO_LARGE_TEXT, link: null });
    return { ...reject(552, `5.3.4 ${TOO_LARGE_TEXT}`), outcome: { status: 'too-large' } };
  }

  const parser = deps.parser ?? (sharedParser ??= new MimeParser());
  const parsed = await parser.parse(m.raw);
  if (!parsed.ok) return parsed.kind === 'limit' ? reject(554, '5.6.0 This email could not be read, so it was not logged.') : reject(451, '4.3.0 Temporary failure, try again later');
  const mail = parsed.mail;
  const messageId =
    normaliseMessageId(mail.messageId) ??
    syntheticMessageId({ date: mail.date, from: mail.from[0]?.address ?? null, subject: mail.subject, size: m.size, firstBytes: m.raw.subarray(0, 2048).toString('latin1') }, deps.hash ?? defaultHash);

  const own = new Set<string>([...m.recipients.map((r) => r.toLowerCase())]);
  const member = await memberAddresses(deps.db, organizationId);
  for (const a of member) own.add(a);
  let participants = collectParticipants({ from: mail.from, to: mail.to, cc: mail.cc }, own);
  let matched = await contactsByAddress(deps.db, organizationId, participants);
  if (matched.size === 0) {
    participants = [...new Set(forwardedAddresses(mail.text).map((a) => normaliseAddress(a)).filter((a): a is string => !!a && !own.has(a)))];
    matched = await contactsByAddress(deps.db, organizationId, participants);
  }
  if (matched.size === 0) return { ok: true, outcome: { status: 'no-contacts' } };

  const refs = parseMessageIdList(mail.references);
  const inReplyTo = parseMessageIdList(mail.inReplyTo)[0] ?? null;
  const threadId = await threadFor(deps.db, organizationId, [...refs, ...(inReplyTo ? [inReplyTo] : [])], messageId, mail.subject ?? '');
  const fromIsMember = member.has((mail.from[0]?.address ?? '').toLowerCase());
  const result = await logMessage(deps.db, {
    organizationId,
    mailboxId: null,
    kind: 'bcc_logged',
    direction: fromIsMember ? 'outbound' : 'inbound',
    classification: 'normal',
    threadId,
    messageId,
    inReplyTo,
    references: refs,
    subject: mail.subject ?? '',
    from: mail.from[0] ?? null,
    to: mail.to,
    cc: mail.cc,
    occurredAt: mail.date ?? new Date(),
    totalSize: m.size,
    bodyText: mail.text,
    bodyHtml: mail.html,
    attachments: mail.attachments,
    matchReason: { rule: 'bcc-logging-address', sender: 'member' },
    contactIds: [...new Set(matched.values())],
    createdByUserId: senderUserId,
  });
  return { ok: true, outcome: { status: 'logged', engagementIds: result.engagementIds, contacts: matched.size } };
}

let sharedParser: MimeParser | undefined;
const defaultHash = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
};

async function memberAddresses(db: Database, organizationId: string): Promise<Set<string>> {
  const logins = await db.select({ email: users.email }).from(users).innerJoin(memberships, eq(memberships.userId, users.id)).where(eq(memberships.organizationId, organizationId));
  const boxes = await db.select({ email: mailboxes.emailAddress }).from(mailboxes).where(and(eq(mailboxes.organizationId, organizationId), isNull(mailboxes.removedAt)));
  return new Set([...logins, ...boxes].map((r) => r.email.toLowerCase()));
}

// The thread of any tracked id the message references, else a new thread rooted at the message.
async function threadFor(db: Database, organizationId: string, refs: string[], messageId: string, subject: string): Promise<string> {
  const ids = [...new Set([...refs, messageId])];
  const [known] = await db
    .select({ threadId: trackedMessageIds.threadId })
    .from(trackedMessageIds)
    .where(and(eq(trackedMessageIds.organizationId, organizationId), inArray(trackedMessageIds.messageId, ids)))
    .limit(1);
  if (known) return known.threadId;
  const [t] = await db.insert(threads).values({ organizationId, rootMessageId: refs[0] ?? messageId, subject }).returning({ id: threads.id });
  return t!.id;
}
