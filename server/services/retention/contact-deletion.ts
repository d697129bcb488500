import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { contactEmails, contacts } from '@/db/schema';
import { notFound } from '@/server/app-error';
import { eraseAddress, type EraseReport } from './erase-address';
import { hideEngagementsOfContact } from './engagement-deletion';
import { deleteOrphanBlobs } from './orphan-blobs';

export type ContactDeletion = { contactId: string; hiddenEngagements: number; erased: (Omit<EraseReport, 'newlySuppressed'> & { addresses: number; contact: number }) | null };

const zero = (): Omit<EraseReport, 'newlySuppressed'> => ({
  engagements: 0, attachments: 0, blobs: 0, messages: 0, messageReferences: 0, outbox: 0, contactEmails: 0, neverLogRules: 0, mailboxEvents: 0, notifications: 0, queueJobs: 0,
});

// PRODUCT #14/#15: removing a contact hides its timeline at once; the engagements are purged 90 days
// later by the retention job. With `eraseAddresses` (admins, GDPR) every address of the contact is
// erased and suppressed (issue 8 "Deleting a contact offers the same"), and the contact row itself goes.
export async function deleteContact(db: Database, input: { organizationId: string; contactId: string; eraseAddresses: boolean; now: Date }): Promise<ContactDeletion> {
  const [contact] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, input.contactId), eq(contacts.organizationId, input.organizationId), isNull(contacts.deletedAt)));
  if (!contact) throw notFound('Contact not found');

  if (!input.eraseAddresses) {
    const hidden = await db.transaction(async (tx) => {
      await tx.update(contacts).set({ deletedAt: input.now }).where(eq(contacts.id, contact.id));
      return hideEngagementsOfContact(tx, { organizationId: input.organizationId, contactId: contact.id, now: input.now });
    });
    return { contactId: contact.id, hiddenEngagements: hidden, erased: null };
  }

  const addresses = await db
    .select({ email: contactEmails.email })
    .from(contactEmails)
    .where(and(eq(contactEmails.contactId, contact.id), eq(contactEmails.organizationId, input.organizationId)));
  const total = zero();
  for (const { email } of addresses) {
    const { newlySuppressed: _n, ...r } = await eraseAddress(db, { organizationId: input.organizationId, address: email, now: input.now });
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  }
  // Whatever is left on the contact (engagements that named none of its addresses) goes with it.
  const rest = await db.transaction(async (tx) => {
    const [left] = await tx.execute<{ n: number; attachments: number; blob_ids: string[] | null }>(sql`
      with att as (select a.blob_id from attachment a join engagement e on e.id = a.engagement_id
                   where e.organization_id = ${input.organizationId} and e.contact_id = ${contact.id}),
      del as (delete from engagement where organization_id = ${input.organizationId} and contact_id = ${contact.id} returning 1)
      select (select count(*)::int from del) as n, (select count(*)::int from att) as attachments, (select array_agg(distinct blob_id) from att) as blob_ids`);
    const blobs = await deleteOrphanBlobs(tx, left?.blob_ids ?? []);
    await tx.delete(contacts).where(eq(contacts.id, contact.id));
    return { engagements: Number(left?.n ?? 0), attachments: Number(left?.attachments ?? 0), blobs };
  });
  total.engagements += rest.engagements;
  total.attachments += rest.attachments;
  total.blobs += rest.blobs;
  return { contactId: contact.id, hiddenEngagements: 0, erased: { ...total, addresses: addresses.length, contact: 1 } };
}
