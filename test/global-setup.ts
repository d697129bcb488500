import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, createDatabaseIfMissing } from '../db/embedded';
import { runMigrations } from '../db/migrate';

// One real Postgres for the integration run: DATABASE_URL when given, else a throwaway embedded cluster.
export default async function setup(project: TestProject) {
  const stops: Array<() => Promise<void>> = [];
  let url = process.env.DATABASE_URL;
  if (url) {
    const u = new URL(url);
    u.pathname = `/mailroom_test_${process.pid}`;
    const admin = new URL(url);
    admin.pathname = '/postgres';
    await createDatabaseIfMissing(admin.toString(), u.pathname.slice(1));
    url = u.toString();
  } else {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mailroom-it-'));
    const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'mailroom_test', fast: true });
    url = pg.url;
    stops.push(async () => {
      await pg.stop();
      await fs.rm(dir, { recursive: true, force: true });
    });
  }
  await runMigrations(url);
  process.env.TEST_DATABASE_URL = url;
  project.provide('databaseUrl', url);

  const { startMailWorldForTests } = await import('./mail-world-setup');
  const world = await startMailWorldForTests();
  if (world) {
    project.provide('mailWorld', JSON.stringify(world.info));
    stops.push(world.stop);
  }

  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    mailWorld: string;
  }
}
