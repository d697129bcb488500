import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';

// Beside this file in the source tree; `../db/migrations` from the bundled worker in `.build/`.
const here = path.dirname(fileURLToPath(import.meta.url));
const migrationsFolder =
  [path.join(here, 'migrations'), path.join(here, '..', 'db', 'migrations')].find((d) => fs.existsSync(path.join(d, 'meta', '_journal.json'))) ??
  path.join(here, 'migrations');

// Applies the committed drizzle-kit migrations; an advisory lock lets several processes call it at once.
export async function runMigrations(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(727274)`;
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql`select pg_advisory_unlock(727274)`.catch(() => {});
    await sql.end();
  }
}
