import { createDb } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { resolveDatabaseUrl } from '@/server/db';
import { demoCredentials, seedDemo } from '@/server/services/seed';

// `npm run seed`: creates the demo organization on an empty database and prints the credentials.
async function main() {
  const url = await resolveDatabaseUrl();
  await runMigrations(url);
  const { db, sql } = createDb(url, { max: 2 });
  const created = await seedDemo(db);
  console.log(created ? 'Seeded the demo organization.' : 'Database already has data; nothing seeded.');
  console.log(`Admin: ${demoCredentials.admin.email} / ${demoCredentials.admin.password}`);
  for (const r of demoCredentials.reps) console.log(`Rep:   ${r.email} / ${r.password}`);
  await sql.end();
  process.exit(0);
}
void main();
