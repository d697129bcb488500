import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { contacts, engagements, threadCorrections, threads, trackedMessageIds } from '@/db/schema';
import { AppError, notFound } from '@/server/app-error';

// Thread correction (issue 7, PRODUCT #11 pitfall). Each correction changes the timeline now AND writes a
// `thread_correction` row keyed by Message-ID, which the sync's logMessage() applies to any later copy of
// the same message (server/domain/sync/apply-corrections.ts), so a re-sync never undoes a rep's fix:
//   split  { messageId, toThreadId }                       the message lives in thread toThreadId
//   merge  { messageId, toThreadId }                       same, written once per message of the merged thread
//   move   { messageId, fromContactId, toContactId }       log it on toContactId, never on fromContactId
//   remove { messageId, fromContactId }                    never log it on fromContactId again
// Tracked Message-IDs follow split/merge too, so replies to a moved message land in its new thread.

type Actor = { organizationId: string; userId: string };

async function visibleEngagement(db: Database, actor: Actor, engagementId: string) {
  const [row] = await db
    .select({ id: engagements.id, contactId: engagements.contactId, messageId: engagements.messageId, threadId: engagements.threadId, subject: engagements.subject })
    .from(engagements)
    .innerJoin(contacts, and(eq(contacts.id, engagements.contactId), isNull(contacts.deletedAt)))
    .where(and(eq(engagements.id, engagementId), eq(engagements.organizationId, actor.organizationId), isNull(engagements.deletedAt)));
  if (!row) throw notFound('Email not found');
  return row;
}

// PRODUCT #11: takes one message (on every contact it is logged on) out of its thread into a new one.
export async function splitMessage(db: Database, actor: Actor, input: { engagementId: string }): Promise<{ threadId: string }> {
  const e = await visibleEngagement(db, actor, input.engagementId);
  return db.transaction(async (tx) => {
    const [t] = await tx.insert(threads).values({ organizationId: actor.organizationId, rootMessageId: e.messageId, subject: e.subject }).returning({ id: threads.id });
    const threadId = t!.id;
    await tx.update(engagements).set({ threadId }).where(and(eq(engagements.organizationId, actor.organizationId), eq(engagements.messageId, e.messageId)));
    await tx.update(trackedMessageIds).set({ threadId }).where(and(eq(trackedMessageIds.organizationId, actor.organizationId), eq(trackedMessageIds.messageId, e.messageId)));
    await tx.insert(threadCorrections).values({ organizationId: actor.organizationId, messageId: e.messageId, kind: 'split', toThreadId: threadId, createdByUserId: actor.userId });
    return { threadId };
  });
}

// PRODUCT #11: every message of one thread joins another thread of the same organization.
export async function mergeThreads(db: Database, actor: Actor, input: { sourceThreadId: string; targetThreadId: string }): Promise<{ moved: number }> {
  if (input.sourceThreadId === input.targetThreadId) throw new AppError('BAD_INPUT', 'Choose two different conversations to merge.');
  const found = await db
    .select({ id: threads.id })
    .from(threads)
    .where(and(eq(threads.organizationId, actor.organizationId), sql`${threads.id} in (${input.sourceThreadId}::uuid, ${input.targetThreadId}::uuid)`));
  if (found.length !== 2) throw notFound('Conversation not found');
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(engagements)
      .set({ threadId: input.targetThreadId })
      .where(and(eq(engagements.organizationId, actor.organizationId), eq(engagements.threadId, input.sourceThreadId)))
      .returning({ messageId: engagements.messageId });
    await tx
      .update(trackedMessageIds)
      .set({ threadId: input.targetThreadId })
      .where(and(eq(trackedMessageIds.organizationId, actor.organizationId), eq(trackedMessageIds.threadId, input.sourceThreadId)));
    const ids = [...new Set(moved.map((m) => m.messageId))];
    if (ids.length) {
      await tx.insert(threadCorrections).values(ids.map((messageId) => ({ organizationId: actor.organizationId, messageId, kind: 'merge' as const, toThreadId: input.targetThreadId, createdByUserId: actor.userId })));
    }
    return { moved: moved.length };
  });
}

// PRODUCT #11: the email belongs to another contact of the organization.
export async function moveEngagement(db: Database, actor: Actor, input: { engagementId: string; toContactId: string }): Promise<{ engagementId: string }> {
  const e = await visibleEngagement(db, actor, input.engagementId);
  if (e.contactId === input.toContactId) throw new AppError('BAD_INPUT', 'The email is already on this contact.', { toContactId: 'Choose another contact.' });
  const [target] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, input.toContactId), eq(contacts.organizationId, actor.organizationId), isNull(contacts.deletedAt)));
  if (!target) throw notFound('Contact not found');
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: engagements.id, deletedAt: engagements.deletedAt })
      .from(engagements)
      .where(and(eq(engagements.organizationId, actor.organizationId), eq(engagements.contactId, input.toContactId), eq(engagements.messageId, e.messageId)));
    let engagementId = e.id;
    if (existing) {
      // The target already has its own copy (one engagement per message per contact): show it, drop ours.
      await tx.update(engagements).set({ deletedAt: null }).where(eq(engagements.id, existing.id));
      await tx.update(engagements).set({ deletedAt: sql`now()` }).where(eq(engagements.id, e.id));
      engagementId = existing.id;
    } else {
      await tx.update(engagements).set({ contactId: input.toContactId }).where(eq(engagements.id, e.id));
    }
    await tx.insert(threadCorrections).values({ organizationId: actor.organizationId, messageId: e.messageId, kind: 'move', fromContactId: e.contactId, toContactId: input.toContactId, createdByUserId: actor.userId });
    return { engagementId };
  });
}

// PRODUCT #11/#14/#15: off this contact's timeline now (soft delete, purged by retention), never logged here again.
export async function removeFromTimeline(db: Database, actor: Actor, input: { engagementId: string }): Promise<{ engagementId: string }> {
  const e = await visibleEngagement(db, actor, input.engagementId);
  await db.transaction(async (tx) => {
    await tx.update(engagements).set({ deletedAt: sql`now()` }).where(eq(engagements.id, e.id));
    await tx.insert(threadCorrections).values({ organizationId: actor.organizationId, messageId: e.messageId, kind: 'remove', fromContactId: e.contactId, createdByUserId: actor.userId });
  });
  return { engagementId: e.id };
}
