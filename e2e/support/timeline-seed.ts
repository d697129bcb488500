import crypto from 'node:crypto';
import type { Database } from '../../db/client';
import { attachments, engagements, threads, trackedMessageIds, type Address } from '../../db/schema';
import { putBlob } from '../../server/adapters/blob-store-pg';

// Timeline data for integration tests and e2e specs (issue 7): the rows the sync/logging and send
// services write, inserted directly so the timeline can be exercised on its own.

export type SeedAttachment = { filename: string; mimeType: string; content: Buffer; contentId?: string; inline?: boolean };

export type SeedEngagement = {
  organizationId: string;
  contactId: string;
  threadId: string | null;
  direction: 'inbound' | 'outbound';
  kind?: 'sent_from_timeline' | 'sequence' | 'logged_reply' | 'bcc_logged';
  status?: 'queued' | 'sending' | 'sent' | 'failed' | 'logged';
  classification?: 'normal' | 'auto_reply' | 'bounce' | 'bulk';
  subject: string;
  from: Address;
  to: Address[];
  cc?: Address[];
  bodyText?: string | null;
  bodyHtml?: string | null;
  occurredAt: Date;
  messageId?: string;
  matchReason?: unknown;
  failureReason?: string | null;
  createdByUserId?: string | null;
  mailboxId?: string | null;
  attachments?: SeedAttachment[];
};

export async function createThread(db: Database, organizationId: string, subject: string): Promise<string> {
  const [t] = await db.insert(threads).values({ organizationId, subject }).returning({ id: threads.id });
  return t!.id;
}

export async function insertEngagement(db: Database, e: SeedEngagement): Promise<{ id: string; messageId: string; attachmentIds: string[] }> {
  const messageId = e.messageId ?? `${crypto.randomUUID()}@seed.mailroom.test`;
  const [row] = await db
    .insert(engagements)
    .values({
      organizationId: e.organizationId,
      contactId: e.contactId,
      threadId: e.threadId,
      mailboxId: e.mailboxId ?? null,
      kind: e.kind ?? (e.direction === 'outbound' ? 'sent_from_timeline' : 'logged_reply'),
      status: e.status ?? (e.direction === 'outbound' ? 'sent' : 'logged'),
      direction: e.direction,
      classification: e.classification ?? 'normal',
      messageId,
      subject: e.subject,
      fromAddress: e.from.address,
      fromName: e.from.name ?? null,
      toAddresses: e.to,
      ccAddresses: e.cc ?? [],
      bodyText: e.bodyText ?? null,
      bodyHtml: e.bodyHtml ?? null,
      occurredAt: e.occurredAt,
      matchReason: (e.matchReason ?? null) as object,
      failureReason: e.failureReason ?? null,
      createdByUserId: e.createdByUserId ?? null,
    })
    .returning({ id: engagements.id });
  if (e.threadId) {
    await db
      .insert(trackedMessageIds)
      .values({ organizationId: e.organizationId, messageId, threadId: e.threadId, source: e.direction === 'outbound' ? 'sent' : 'reply', subject: e.subject })
      .onConflictDoNothing();
  }
  const attachmentIds: string[] = [];
  for (const a of e.attachments ?? []) {
    const blob = await putBlob(db, e.organizationId, a.content);
    const [att] = await db
      .insert(attachments)
      .values({ organizationId: e.organizationId, engagementId: row!.id, blobId: blob.blobId, filename: a.filename, mimeType: a.mimeType, size: a.content.length, contentId: a.contentId ?? null, isInline: a.inline ?? false })
      .returning({ id: attachments.id });
    attachmentIds.push(att!.id);
  }
  return { id: row!.id, messageId, attachmentIds };
}

// A 1×1 red PNG: a real raster image for previews and cid: tests.
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

export type SeededConversation = { threadId: string; sentId: string; replyId: string; autoReplyId: string; otherThreadId: string; otherId: string; pdfId: string; sentMessageId: string };

// A threaded conversation: the rep's email, the contact's HTML reply (remote image, cid logo, PDF),
// an auto-reply, plus an unrelated email wrongly threaded elsewhere (for thread correction).
export async function seedConversation(
  db: Database,
  input: { organizationId: string; contactId: string; contactEmail: string; contactName: string; repEmail: string; repName: string; repUserId: string; remoteImageUrl: string; base: Date },
): Promise<SeededConversation> {
  const { organizationId, contactId } = input;
  const rep = { address: input.repEmail, name: input.repName };
  const contact = { address: input.contactEmail, name: input.contactName };
  const at = (minutes: number) => new Date(input.base.getTime() + minutes * 60_000);
  const threadId = await createThread(db, organizationId, 'Pilot pricing for Q3');
  const sent = await insertEngagement(db, {
    organizationId, contactId, threadId, direction: 'outbound', subject: 'Pilot pricing for Q3', from: rep, to: [contact], occurredAt: at(0),
    bodyText: `Hi ${input.contactName.split(' ')[0]},\n\nAttached is the pilot pricing we discussed.\n\nBest,\n${input.repName}`,
    bodyHtml: `<p>Hi ${input.contactName.split(' ')[0]},</p><p>Attached is the pilot pricing we discussed.</p><p>Best,<br>${input.repName}</p>`,
    matchReason: { rule: 'sent-from-crm' }, createdByUserId: input.repUserId,
  });
  const reply = await insertEngagement(db, {
    organizationId, contactId, threadId, direction: 'inbound', subject: 'Re: Pilot pricing for Q3', from: contact, to: [rep], cc: [{ address: 'procurement@kyotorobotics.example', name: 'Procurement' }], occurredAt: at(90),
    bodyText: `Thanks! The numbers look good. Our signed order form is attached.\n\nOn Monday, ${input.repName} wrote:\n> Attached is the pilot pricing we discussed.\n> Best`,
    bodyHtml: `<div style="font-family:Georgia,serif"><img src="cid:logo@kyoto" alt="Kyoto Robotics logo" width="48" height="48"><p>Thanks! The numbers look <b>good</b>. Our signed order form is attached.</p><p><img src="${input.remoteImageUrl}" alt="Quarterly chart" width="120" height="40"></p><p><a href="https://kyotorobotics.example/pilot">Pilot plan</a></p><div class="gmail_quote">On Monday, ${input.repName} wrote:<blockquote>Attached is the pilot pricing we discussed.</blockquote></div></div>`,
    messageId: `reply-${crypto.randomUUID()}@kyotorobotics.example`,
    matchReason: { matched: true, threadId, via: 'in-reply-to', matchedId: sent.messageId, header: 'In-Reply-To', source: 'sent', capture: 'body', captureReason: 'crm-thread' },
    attachments: [
      { filename: 'signed-order-form.pdf', mimeType: 'application/pdf', content: Buffer.from('%PDF-1.4\n% seeded order form\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') },
      { filename: 'logo.png', mimeType: 'image/png', content: tinyPng, contentId: 'logo@kyoto', inline: true },
    ],
  });
  const autoReply = await insertEngagement(db, {
    organizationId, contactId, threadId, direction: 'inbound', classification: 'auto_reply', subject: 'Automatic reply: Pilot pricing for Q3', from: contact, to: [rep], occurredAt: at(5),
    bodyText: 'I am out of the office until Monday.', matchReason: { matched: true, threadId, via: 'references', matchedId: sent.messageId, header: 'References', source: 'sent' },
  });
  const otherThreadId = await createThread(db, organizationId, 'Conference dinner');
  const other = await insertEngagement(db, {
    organizationId, contactId, threadId: otherThreadId, direction: 'inbound', subject: 'Conference dinner', from: contact, to: [rep], occurredAt: at(-600),
    bodyText: 'Are you joining the conference dinner on Thursday?', matchReason: { matched: true, threadId: otherThreadId, via: 'subject-participants', sharedParticipants: [input.contactEmail] },
  });
  return { threadId, sentId: sent.id, replyId: reply.id, autoReplyId: autoReply.id, otherThreadId, otherId: other.id, pdfId: reply.attachmentIds[0]!, sentMessageId: sent.messageId };
}
