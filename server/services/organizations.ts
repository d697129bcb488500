import crypto from 'node:crypto';
import type { Database } from '@/db/client';
import { contactEmails, contacts, memberships, organizationPolicies, organizations, users } from '@/db/schema';
import { hashPassword } from '@/server/adapters/password-hash';

export type NewMember = { email: string; name: string; password?: string; role: 'admin' | 'rep' };
export type NewContact = { firstName: string; lastName: string; company?: string | null; emails: string[] };

// Creates an organization with its default policy; used by the seed, sign-up and tests.
export async function createOrganization(db: Database, input: { name: string; domain: string }) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organizations)
      .values({ name: input.name, domain: input.domain, loggingToken: crypto.randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x') })
      .returning();
    await tx.insert(organizationPolicies).values({ organizationId: org!.id });
    return org!;
  });
}

export async function addMember(db: Database, organizationId: string, member: NewMember) {
  const passwordHash = member.password ? await hashPassword(member.password) : null;
  return db.transaction(async (tx) => {
    const [user] = await tx.insert(users).values({ email: member.email.toLowerCase(), name: member.name, passwordHash }).returning();
    await tx.insert(memberships).values({ organizationId, userId: user!.id, role: member.role });
    return user!;
  });
}

export async function createContact(db: Database, organizationId: string, input: NewContact) {
  return db.transaction(async (tx) => {
    const [contact] = await tx
      .insert(contacts)
      .values({ organizationId, firstName: input.firstName, lastName: input.lastName, company: input.company ?? null })
      .returning();
    if (input.emails.length) {
      await tx.insert(contactEmails).values(input.emails.map((email, i) => ({ organizationId, contactId: contact!.id, email: email.toLowerCase(), isPrimary: i === 0 })));
    }
    return contact!;
  });
}
