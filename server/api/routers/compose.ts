import { z } from 'zod';
import { getContact } from '@/db/queries/contacts';
import { getLoggingToken, getReplyParent, listMyMailboxes, sendStatuses } from '@/db/queries/compose';
import { notFound } from '@/server/app-error';
import { env } from '@/server/env';
import { DEFAULT_MESSAGE_LIMITS } from '@/server/domain/send/message-validation';
import { MAX_BCC_LOGGED_BYTES } from '@/server/domain/sync/attachment-policy';
import { queueEmail } from '@/server/services/send/compose';
import { signalOutbox } from '@/server/services/send/outbox-signal';
import { retryEmail } from '@/server/services/send/retry';
import { renderForContact } from '@/server/services/send/templates';
import { protectedProcedure, router } from '../trpc';


const sendStatus = z.enum(['queued', 'sending', 'sent', 'failed', 'logged']);

// Issue 6 composer: context for the form, send (→ outbox), delivery status, retry, merge preview.
export const composeRouter = router({
  context: protectedProcedure
    .input(z.object({ contactId: z.uuid(), replyTo: z.uuid().optional() }))
    .output(
      z.object({
        mailboxes: z.array(z.object({ id: z.string(), emailAddress: z.string(), displayName: z.string().nullable(), status: z.string(), statusReason: z.string().nullable() })),
        contactEmails: z.array(z.string()),
        reply: z
          .object({ engagementId: z.string(), subject: z.string(), fromAddress: z.string(), participants: z.array(z.string()), quote: z.string(), occurredAt: z.date(), direction: z.enum(['inbound', 'outbound']) })
          .nullable(),
        limits: z.object({ maxAttachmentBytes: z.number(), maxRecipients: z.number() }),
      }),
    )
    .query(async ({ ctx, input }) => {
      const org = ctx.actor.organizationId;
      const contact = await getContact(ctx.db, org, input.contactId);
      if (!contact) throw notFound('Contact not found');
      let reply = null;
      if (input.replyTo) {
        const p = await getReplyParent(ctx.db, org, input.replyTo);
        if (!p) throw notFound('The email you are replying to was not found.');
        reply = {
          engagementId: p.id,
          subject: p.subject,
          fromAddress: p.fromAddress,
          participants: [p.fromAddress, ...p.toAddresses.map((a) => a.address), ...p.ccAddresses.map((a) => a.address)],
          quote: (p.bodyText ?? '').slice(0, 4000),
          occurredAt: p.occurredAt,
          direction: p.direction,
        };
      }
      return {
        mailboxes: await listMyMailboxes(ctx.db, org, ctx.actor.userId),
        contactEmails: contact.emails.map((e) => e.email),
        reply,
        limits: { maxAttachmentBytes: DEFAULT_MESSAGE_LIMITS.maxAttachmentBytes, maxRecipients: DEFAULT_MESSAGE_LIMITS.maxRecipients },
      };
    }),

  send: protectedProcedure
    .input(
      z.object({
        idempotencyKey: z.string().min(8).max(100),
        mailboxId: z.uuid(),
        contactId: z.uuid(),
        // Lists are capped far above the product limit only to bound the request; the service explains the real limit.
        to: z.array(z.string().max(1000)).max(20_000),
        cc: z.array(z.string().max(1000)).max(20_000).default([]),
        bcc: z.array(z.string().max(1000)).max(20_000).default([]),
        subject: z.string().max(5000),
        html: z.string().max(1_000_000),
        replyToEngagementId: z.uuid().nullish(),
        attachmentIds: z.array(z.uuid()).max(50).default([]),
      }),
    )
    .output(z.object({ outboxId: z.string(), engagementId: z.string(), messageId: z.string(), status: z.enum(['queued', 'sending', 'sent', 'failed']), reused: z.boolean() }))
    .mutation(({ ctx, input }) =>
      queueEmail(ctx.db, { ...ctx.actor, name: ctx.actor.name ?? null }, input, { enqueue: (id) => signalOutbox(ctx.db, id) }),
    ),

  status: protectedProcedure
    .input(z.object({ engagementIds: z.array(z.uuid()).max(50) }))
    .output(z.array(z.object({ engagementId: z.string(), status: sendStatus, failureReason: z.string().nullable(), attempts: z.number().nullable(), lastError: z.string().nullable(), nextAttemptAt: z.date().nullable(), sentAt: z.date().nullable() })))
    .query(({ ctx, input }) => sendStatuses(ctx.db, ctx.actor.organizationId, input.engagementIds)),

  retry: protectedProcedure
    .input(z.object({ engagementId: z.uuid() }))
    .output(z.object({ outboxId: z.string(), status: z.enum(['queued', 'sending', 'sent', 'failed']) }))
    .mutation(({ ctx, input }) => retryEmail(ctx.db, ctx.actor, input.engagementId, (id) => signalOutbox(ctx.db, id))),

  preview: protectedProcedure
    .input(z.object({ contactId: z.uuid(), subject: z.string().max(5000), bodyHtml: z.string().max(1_000_000), to: z.string().max(1000).nullish(), senderEmail: z.string().max(1000).nullish() }))
    .output(z.object({ subject: z.string(), bodyHtml: z.string(), usedFallbacks: z.array(z.string()), missing: z.array(z.string()) }))
    .query(({ ctx, input }) => renderForContact(ctx.db, { ...ctx.actor, name: ctx.actor.name ?? null }, input)),

  loggingAddress: protectedProcedure
    .output(z.object({ address: z.string(), maxBytes: z.number() }))
    .query(async ({ ctx }) => {
      const token = await getLoggingToken(ctx.db, ctx.actor.organizationId);
      if (!token) throw notFound('Organization not found');
      return { address: `${token}@${env().INBOUND_EMAIL_DOMAIN}`, maxBytes: MAX_BCC_LOGGED_BYTES };
    }),
});


