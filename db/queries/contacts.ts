import { and, asc, eq, gt, ilike, inArray, isNull, or, sql, exists } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { contactEmails, contacts } from '@/db/schema';

export type ContactListItem = { id: string; firstName: string; lastName: string; company: string | null; primaryEmail: string | null };

// Contacts of one organization, searched by name, company or any address; keyset-paginated by (lastName, firstName, id).
export async function listContacts(db: Database, organizationId: string, opts: { search?: string; limit: number; cursor?: string }) {
  const term = opts.search?.trim();
  const like = term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = and(
    eq(contacts.organizationId, organizationId),
    isNull(contacts.deletedAt),
    like
      ? or(
          ilike(sql`${contacts.firstName} || ' ' || ${contacts.lastName}`, like),
          ilike(contacts.company, like),
          exists(
            db.select({ one: sql`1` }).from(contactEmails).where(and(eq(contactEmails.contactId, contacts.id), eq(contactEmails.organizationId, organizationId), ilike(contactEmails.email, like))),
          ),
        )
      : undefined,
    opts.cursor ? gt(sql`(${contacts.lastName}, ${contacts.firstName}, ${contacts.id})`, sql`(select last_name, first_name, id from contact where id = ${opts.cursor} and organization_id = ${organizationId})`) : undefined,
  );
  const rows = await db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, company: contacts.company })
    .from(contacts)
    .where(where)
    .orderBy(asc(contacts.lastName), asc(contacts.firstName), asc(contacts.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const emails = page.length
    ? await db
        .select({ contactId: contactEmails.contactId, email: contactEmails.email, isPrimary: contactEmails.isPrimary })
        .from(contactEmails)
        .where(and(eq(contactEmails.organizationId, organizationId), inArray(contactEmails.contactId, page.map((c) => c.id))))
    : [];
  const items: ContactListItem[] = page.map((c) => {
    const mine = emails.filter((e) => e.contactId === c.id);
    return { ...c, primaryEmail: (mine.find((e) => e.isPrimary) ?? mine[0])?.email ?? null };
  });
  return { items, nextCursor: rows.length > opts.limit ? page[page.length - 1]!.id : null };
}

export async function getContact(db: Database, organizationId: string, contactId: string) {
  const [contact] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId), isNull(contacts.deletedAt)))
    .limit(1);
  if (!contact) return undefined;
  const emails = await db
    .select({ email: contactEmails.email, isPrimary: contactEmails.isPrimary })
    .from(contactEmails)
    .where(and(eq(contactEmails.contactId, contactId), eq(contactEmails.organizationId, organizationId)))
    .orderBy(sql`${contactEmails.isPrimary} desc`, asc(contactEmails.email));
  return { id: contact.id, firstName: contact.firstName, lastName: contact.lastName, company: contact.company, createdAt: contact.createdAt, emails };
}
