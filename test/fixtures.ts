import crypto from 'node:crypto';
import type { Database } from '../db/client';
import { addMember, createContact, createOrganization } from '../server/services/organizations';

// A fresh organization per test keeps integration tests independent while sharing one database.
export async function makeOrg(db: Database, name = 'Test Org') {
  const tag = crypto.randomBytes(4).toString('hex');
  const org = await createOrganization(db, { name: `${name} ${tag}`, domain: `${tag}.example.test` });
  const admin = await addMember(db, org.id, { email: `admin-${tag}@${tag}.example.test`, name: 'Ada Admin', password: 'admin-pass-1', role: 'admin' });
  const rep = await addMember(db, org.id, { email: `rep-${tag}@${tag}.example.test`, name: 'Rex Rep', password: 'rep-pass-1', role: 'rep' });
  const contact = await createContact(db, org.id, { firstName: 'Carla', lastName: 'Contact', company: 'Acme', emails: [`carla-${tag}@customer.test`, `c.contact-${tag}@customer.test`] });
  return { org, admin, rep, contact, tag };
}
