import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { contacts, engagements } from '@/db/schema';
import { engagementPurgeDue } from '@/server/domain/retention/retention-policy';
import { AppError, notFound } from '@/server/app-error';

type Tx = Pick<Database, 'update' | 'select' | 'execute'>;

export type EngagementDeletion = { id: string; deletedAt: Date; purgeAt: Date | null; rule: 13 | 14 | 15 };

// PRODUCT #14/#15: deleting an engagement hides it from the timeline at once (the timeline lists only
// `deleted_at is null`); it stays restorable until the purge job removes it 90 days later.
export async function deleteEngagement(db: Database, input: { organizationId: string; engagementId: string; now: Date }): Promise<EngagementDeletion> {
  const [row] = await db
    .update(engagements)
    .set({ deletedAt: sql`coalesce(${engagements.deletedAt}, ${input.now.toISOString()}::timestamptz)` })
    .where(
      and(
        eq(engagements.id, input.engagementId),
        eq(engagements.organizationId, input.organizationId),
        // Only on a contact the actor can see (a removed contact's timeline is gone already).
        sql`exists (select 1 from contact c where c.id = ${engagements.contactId} and c.organization_id = ${input.organizationId} and c.deleted_at is null)`,
      ),
    )
    .returning({ id: engagements.id, kind: engagements.kind, deletedAt: engagements.deletedAt });
  if (!row?.deletedAt) throw notFound('Email not found');
  const d = engagementPurgeDue({ kind: row.kind, deletedAt: row.deletedAt }, input.now);
  return { id: row.id, deletedAt: row.deletedAt, purgeAt: d.purgeAt, rule: d.rule };
}

// PRODUCT #14/#15: a deleted engagement comes back until its purge is due; after that it is gone.
export async function restoreEngagement(db: Database, input: { organizationId: string; engagementId: string; now: Date }): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: engagements.id, kind: engagements.kind, deletedAt: engagements.deletedAt })
      .from(engagements)
      .innerJoin(contacts, and(eq(contacts.id, engagements.contactId), isNull(contacts.deletedAt)))
      .where(and(eq(engagements.id, input.engagementId), eq(engagements.organizationId, input.organizationId), isNotNull(engagements.deletedAt)))
      .for('update', { of: engagements });
    if (!row?.deletedAt) throw notFound('Deleted email not found');
    const d = engagementPurgeDue({ kind: row.kind, deletedAt: row.deletedAt }, input.now);
    if (d.due) throw new AppError('CONFLICT', 'This email was deleted more than 90 days ago and can no longer be restored.');
    await tx.update(engagements).set({ deletedAt: null }).where(eq(engagements.id, row.id));
    return { id: row.id };
  });
}

// PRODUCT #14/#15: a removed contact's engagements leave the timeline with it (same transaction as the removal).
export async function hideEngagementsOfContact(tx: Tx, input: { organizationId: string; contactId: string; now: Date }): Promise<number> {
  const rows = await tx
    .update(engagements)
    .set({ deletedAt: input.now })
    .where(and(eq(engagements.organizationId, input.organizationId), eq(engagements.contactId, input.contactId), isNull(engagements.deletedAt)))
    .returning({ id: engagements.id });
  return rows.length;
}

// PRODUCT #14/#15: a removed mailbox's engagements (except sequence emails, PRODUCT #13) leave the
// timeline. The mailbox-removal service calls this in its own transaction; the purge job sweeps
// recently removed mailboxes as a safety net.
export async function hideEngagementsOfMailbox(tx: Tx, input: { organizationId: string; mailboxId: string; now: Date }): Promise<number> {
  const rows = await tx
    .update(engagements)
    .set({ deletedAt: input.now })
    .where(
      and(
        eq(engagements.organizationId, input.organizationId),
        eq(engagements.mailboxId, input.mailboxId),
        isNull(engagements.deletedAt),
        sql`${engagements.kind} <> 'sequence'`,
      ),
    )
    .returning({ id: engagements.id });
  return rows.length;
}
