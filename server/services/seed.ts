import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { organizations } from '@/db/schema';
import { addMember, createContact, createOrganization } from './organizations';

export const demoCredentials = {
  admin: { email: 'admin@demo.mailroom.test', password: 'mailroom-admin', name: 'Ada Admin' },
  reps: [
    { email: 'rep@demo.mailroom.test', password: 'mailroom-rep', name: 'Rex Rep' },
    { email: 'rita@demo.mailroom.test', password: 'mailroom-rep', name: 'Rita Rep' },
  ],
} as const;

const people: Array<[string, string, string | null]> = [
  ['Alice', 'Andersen', 'Fjord Logistics'], ['Bjørn', 'Berg', 'Fjord Logistics'], ['Chloé', 'Dubois', 'Maison Lumière'],
  ['Daniel', 'Okafor', 'Lagos Fintech'], ['Emma', 'Schneider', 'Bergwerk GmbH'], ['Farah', 'Haddad', 'Cedar Analytics'],
  ['Gustav', 'Lind', 'Nordic Timber'], ['Hana', 'Sato', 'Kyoto Robotics'], ['Ivan', 'Petrov', null],
  ['Julia', 'Costa', 'Rio Design Co'], ['Kofi', 'Mensah', 'Accra Solar'], ['Lena', 'Novak', 'Vltava Software'],
  ['Mateo', 'García', 'Andes Coffee'], ['Nora', 'Hansen', 'Oslo Health'], ['Oliver', 'Smith', 'Thames Capital'],
  ['Priya', 'Raman', 'Chennai Cloud'], ['Quentin', 'Moreau', null], ['Rosa', 'Bianchi', 'Milano Moda'],
  ['Sven', 'Eriksson', 'Gothenburg Marine'], ['Tara', 'O’Neill', 'Dublin Data'],
];

// Idempotent demo data: an organization with an admin, two reps and 20 contacts. Returns false when data exists.
export async function seedDemo(db: Database): Promise<boolean> {
  const [existing] = await db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  if ((existing?.n ?? 0) > 0) return false;
  const org = await createOrganization(db, { name: 'Northwind Demo', domain: 'demo.mailroom.test' });
  await addMember(db, org.id, { ...demoCredentials.admin, role: 'admin' });
  for (const rep of demoCredentials.reps) await addMember(db, org.id, { ...rep, role: 'rep' });
  for (const [first, last, company] of people) {
    const local = `${first}.${last}`.normalize('NFKD').replace(/[^\w.]/g, '').toLowerCase();
    const domain = company ? `${company.toLowerCase().replace(/[^a-z]/g, '')}.example` : 'mail.example';
    await createContact(db, org.id, { firstName: first, lastName: last, company, emails: [`${local}@${domain}`] });
  }
  return true;
}
