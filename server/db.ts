import { createDb, type Database } from '@/db/client';
import { startEmbeddedPostgres } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { env } from '@/server/env';

type Handle = ReturnType<typeof createDb>;

// The Next app's database: DATABASE_URL when set, else the embedded server started by `npm run dev`
// (or started here when the app runs on its own). Kept on globalThis so dev hot reloads reuse one pool.
const g = globalThis as unknown as { __mailroomDb?: Promise<Handle> };

export async function resolveDatabaseUrl(): Promise<string> {
  const e = env();
  if (e.DATABASE_URL) return e.DATABASE_URL;
  const pg = await startEmbeddedPostgres({ dataDir: e.MAILROOM_DATA_DIR });
  if (pg.owned) {
    await runMigrations(pg.url);
    const stop = () => void pg.stop().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  }
  return pg.url;
}

export function getDbHandle(): Promise<Handle> {
  g.__mailroomDb ??= resolveDatabaseUrl().then((url) => createDb(url));
  return g.__mailroomDb;
}

export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}
