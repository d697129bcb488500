import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { attachments, contacts, contactEmails, engagements, mailboxes, organizationPolicies, organizations, outbox, threads, trackedMessageIds } from '@/db/schema';
import type { OutboxPayload } from '@/db/schema/sending';
import { AppError } from '@/server/app-error';
import { buildMessageId } from '@/server/domain/send/message-id';
import { checkSendLimits } from '@/server/domain/send/send-limits';
import { renderMergeFields, type MergeData } from '@/server/domain/send/merge-fields';
import { normaliseMessageId } from '@/server/domain/threads/message-id';
import { threadingHeadersFor } from '@/server/domain/threads/references-for-reply';
import { DEFAULT_MESSAGE_LIMITS, validateMessage } from '@/server/domain/send/message-validation';
import { cleanComposerHtml, htmlToText } from './compose-html';

// Compose → outbox (issue 6 "Outbox, exactly once"): the web writes one outbox row with the client's
// idempotency key and a pre-generated Message-ID, a *queued* engagement on the contact's timeline, its
// thread and tracked Message-ID (PRODUCT #6, #7), then returns; the worker delivers it.

/** Gmail's and Office 365's attachment limit per message; the composer shows it. */
export const MAX_SEND_ATTACHMENT_BYTES = DEFAULT_MESSAGE_LIMITS.maxAttachmentBytes;

export type ComposeActor = { userId: string; name: string | null; email: string; organizationId: string };

export type ComposeInput = {
  idempotencyKey: string;
  mailboxId: string;
  contactId: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  html: string;
  /** Reply to a logged/sent engagement: keeps In-Reply-To/References (PRODUCT #11). Absent: a new email. */
  replyToEngagementId?: string | null;
  attachmentIds: string[];
  /** PRODUCT #13/#14: how it was sent decides retention. */
  kind?: 'sent_from_timeline' | 'sequence';
};

export type QueuedEmail = { outboxId: string; engagementId: string; messageId: string; status: 'queued' | 'sending' | 'sent' | 'failed'; reused: boolean };

export type ComposeDeps = { now?: Date; random?: () => string; enqueue?: (outboxId: string) => Promise<void> };

const bad = (message: string, fields?: Record<string, string>) => new AppError('BAD_INPUT', message, fields);

function randomToken(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}

// Issue 6 merge fields with the real contact; an unknown field refuses the send rather than mailing "{{x}}".
function merge(text: string, data: MergeData, context: 'html' | 'header', field: string): string {
  const r = renderMergeFields(text, data, context);
  if (!r.ok) throw bad(r.message, { [field]: r.message });
  return r.rendered;
}

async function existingByKey(db: Database, organizationId: string, key: string): Promise<QueuedEmail | null> {
  const [row] = await db.select().from(outbox).where(and(eq(outbox.organizationId, organizationId), eq(outbox.idempotencyKey, key))).limit(1);
  if (!row) return null;
  return { outboxId: row.id, engagementId: row.engagementId ?? '', messageId: row.messageId, status: row.status, reused: true };
}

export async function queueEmail(db: Database, actor: ComposeActor, input: ComposeInput, deps: ComposeDeps = {}): Promise<QueuedEmail> {
  const org = actor.organizationId;
  // Same key again (double click, network retry): the same row, never a second email.
  const again = await existingByKey(db, org, input.idempotencyKey);
  if (again) return again;

  const now = deps.now ?? new Date();
  const [mailbox] = await db
    .select()
    .from(mailboxes)
    .where(and(eq(mailboxes.id, input.mailboxId), eq(mailboxes.organizationId, org), eq(mailboxes.ownerUserId, actor.userId), isNull(mailboxes.removedAt)))
    .limit(1);
  if (!mailbox) throw new AppError('NOT_FOUND', 'Mailbox not found.');
  if (mailbox.status === 'disconnected' || !mailbox.credentials) {
    throw new AppError('CONFLICT', `${mailbox.emailAddress} is disconnected${mailbox.statusReason ? `: ${mailbox.statusReason}` : ''}. Reconnect it in Settings → Email, then send again.`, {
      mailboxId: 'This mailbox is disconnected.',
    });
  }
  const [contact] = await db.select().from(contacts).where(and(eq(contacts.id, input.contactId), eq(contacts.organizationId, org), isNull(contacts.deletedAt))).limit(1);
  if (!contact) throw new AppError('NOT_FOUND', 'Contact not found.');
  const [orgRow] = await db.select({ domain: organizations.domain }).from(organizations).where(eq(organizations.id, org));
  if (!orgRow) throw new AppError('NOT_FOUND', 'Organization not found.');

  const files = input.attachmentIds.length
    ? await db
        .select()
        .from(attachments)
        .where(and(eq(attachments.organizationId, org), inArray(attachments.id, input.attachmentIds), eq(attachments.uploadedByUserId, actor.userId)))
    : [];
  if (files.length !== new Set(input.attachmentIds).size) throw new AppError('NOT_FOUND', 'An attachment was not found. Upload it again.');
  if (files.some((f) => f.engagementId !== null)) throw bad('An attachment already belongs to another email. Upload it again.', { attachments: 'Upload the file again.' });

  // Issue 6 "Bad input": header injection, bad/duplicate/too many recipients, size, empty message.
  const checked = validateMessage({
    to: input.to.map((address) => ({ address })),
    cc: input.cc.map((address) => ({ address })),
    bcc: input.bcc.map((address) => ({ address })),
    subject: input.subject,
    html: input.html,
    attachments: files.map((f) => ({ filename: f.filename, size: Number(f.size) })),
  });
  if (!checked.ok) {
    const fields: Record<string, string> = {};
    for (const e of checked.errors) fields[e.field] ??= e.message;
    throw bad(checked.errors[0]?.message ?? 'Check the highlighted fields.', fields);
  }
  const draft = checked.value;

  const [primary] = await db
    .select({ email: contactEmails.email })
    .from(contactEmails)
    .where(and(eq(contactEmails.contactId, contact.id), eq(contactEmails.organizationId, org)))
    .orderBy(sql`${contactEmails.isPrimary} desc`)
    .limit(1);
  const mergeData: MergeData = {
    contact: { firstName: contact.firstName, lastName: contact.lastName, company: contact.company, email: draft.to[0]?.address ?? primary?.email ?? null },
    sender: { name: actor.name ?? mailbox.displayName, email: mailbox.emailAddress },
  };
  const subject = merge(draft.subject, mergeData, 'header', 'subject');
  const html = cleanComposerHtml(merge(input.html, mergeData, 'html', 'body'));
  const text = htmlToText(html);
  if (!subject && !text) throw bad('Write a subject or a message before sending.', { body: 'The email is empty.' });

  // PRODUCT #11: only a reply carries references; a new email never reuses old ones.
  let parent: typeof engagements.$inferSelect | undefined;
  if (input.replyToEngagementId) {
    [parent] = await db
      .select()
      .from(engagements)
      .where(and(eq(engagements.id, input.replyToEngagementId), eq(engagements.organizationId, org), isNull(engagements.deletedAt)))
      .limit(1);
    if (!parent) throw new AppError('NOT_FOUND', 'The email you are replying to was not found.');
  }
  const threading = threadingHeadersFor(parent ? { messageId: parent.messageId, references: parent.references, inReplyTo: parent.inReplyTo } : null);

  const built = buildMessageId({ random: (deps.random ?? randomToken)(), domain: orgRow.domain });
  if (!built.ok) throw new AppError('INTERNAL', built.message);
  const messageId = normaliseMessageId(built.messageId)!;
  const payload: OutboxPayload = {
    to: draft.to.map((r) => ({ address: r.address })),
    cc: draft.cc.map((r) => ({ address: r.address })),
    bcc: draft.bcc.map((r) => ({ address: r.address })),
    subject,
    html,
    text,
    ...(threading.inReplyTo ? { inReplyTo: threading.inReplyTo } : {}),
    ...(threading.referenceIds.length ? { references: threading.referenceIds } : {}),
    attachmentIds: files.map((f) => f.id),
  };

  const result = await db.transaction(async (tx) => {
    // Serialise sends per mailbox so two tabs cannot both slip under the cap.
    await tx.select({ id: mailboxes.id }).from(mailboxes).where(eq(mailboxes.id, mailbox.id)).for('update');
    const dup = await tx.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.organizationId, org), eq(outbox.idempotencyKey, input.idempotencyKey)));
    if (dup[0]) return null;
    const [policy] = await tx.select().from(organizationPolicies).where(eq(organizationPolicies.organizationId, org));
    const recent = await tx
      .select({ at: outbox.createdAt })
      .from(outbox)
      .where(and(eq(outbox.mailboxId, mailbox.id), gt(outbox.createdAt, new Date(now.getTime() - 24 * 3600_000)), sql`${outbox.status} <> 'failed'`));
    const limit = checkSendLimits({
      now,
      sentAt: recent.map((r) => r.at),
      limits: { perDay: mailbox.sendLimitPerDay ?? policy?.sendLimitPerDay, perMinute: mailbox.sendLimitPerMinute ?? policy?.sendLimitPerMinute },
    });
    if (!limit.allowed) throw new AppError('RATE_LIMITED', limit.message);

    const threadId = parent?.threadId ?? (await tx.insert(threads).values({ organizationId: org, rootMessageId: threading.referenceIds[0] ?? messageId, subject }).returning({ id: threads.id }))[0]!.id;
    const [engagement] = await tx
      .insert(engagements)
      .values({
        organizationId: org,
        contactId: contact.id,
        threadId,
        mailboxId: mailbox.id,
        kind: input.kind ?? 'sent_from_timeline',
        status: 'queued',
        direction: 'outbound',
        messageId,
        inReplyTo: threading.inReplyTo ? normaliseMessageId(threading.inReplyTo) : null,
        references: threading.referenceIds.length ? threading.referenceIds : null,
        subject,
        fromAddress: mailbox.emailAddress,
        fromName: actor.name ?? mailbox.displayName,
        toAddresses: payload.to,
        ccAddresses: payload.cc,
        bodyText: text,
        bodyHtml: html,
        occurredAt: now,
        matchReason: { rule: 'sent-from-crm', ...(parent ? { replyTo: parent.messageId } : {}) },
        createdByUserId: actor.userId,
      })
      .returning({ id: engagements.id });
    await tx
      .insert(trackedMessageIds)
      .values({ organizationId: org, messageId, threadId, source: 'sent', subject })
      .onConflictDoNothing();
    const [row] = await tx
      .insert(outbox)
      .values({ organizationId: org, mailboxId: mailbox.id, engagementId: engagement!.id, createdByUserId: actor.userId, idempotencyKey: input.idempotencyKey, messageId, payload, createdAt: now })
      .returning();
    if (files.length) await tx.update(attachments).set({ engagementId: engagement!.id }).where(inArray(attachments.id, files.map((f) => f.id)));
    return { outboxId: row!.id, engagementId: engagement!.id, messageId, status: row!.status, reused: false } satisfies QueuedEmail;
  });
  // A concurrent request with the same key committed first: hand back its row.
  if (!result) return (await existingByKey(db, org, input.idempotencyKey))!;
  if (deps.enqueue) await deps.enqueue(result.outboxId).catch(() => undefined); // the worker's sweep picks it up anyway
  return result;
}

// Ids of a reply's thread for the PRODUCT #11 nudge: everyone on the parent email.
export function parentParticipants(parent: { fromAddress: string; toAddresses: { address: string }[]; ccAddresses: { address: string }[] }): string[] {
  return [parent.fromAddress, ...parent.toAddresses.map((a) => a.address), ...parent.ccAddresses.map((a) => a.address)];
}
