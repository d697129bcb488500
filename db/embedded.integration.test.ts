import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true });
});

describe('embedded Postgres (the default without DATABASE_URL)', () => {
  it('one process owns the server; a second process connects to the same one; data survives a restart', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mailroom-emb-'));
    dirs.push(dir);
    const owner = await startEmbeddedPostgres({ dataDir: dir, database: 'app' });
    expect(owner.owned).toBe(true);
    const sql = postgres(owner.url, { max: 1, onnotice: () => {} });
    await sql`create table marker (v text)`;
    await sql`insert into marker values ('from-owner')`;
    await sql.end();

    // A second process (as the worker is) finds the running server through the state file.
    const script = `import { startEmbeddedPostgres } from './db/embedded.ts';
      const h = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, database: 'app' });
      const { default: postgres } = await import('postgres');
      const sql = postgres(h.url, { max: 1 });
      const [row] = await sql\`select v from marker\`;
      console.log(JSON.stringify({ owned: h.owned, v: row.v }));
      await sql.end();`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ owned: false, v: 'from-owner' });

    await owner.stop();
    const again = await startEmbeddedPostgres({ dataDir: dir, database: 'app' });
    expect(again.owned).toBe(true);
    const sql2 = postgres(again.url, { max: 1, onnotice: () => {} });
    expect((await sql2`select v from marker`).map((r) => r.v)).toEqual(['from-owner']);
    await sql2.end();
    await again.stop();
  });
});
