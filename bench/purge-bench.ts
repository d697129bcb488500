// Purge benchmark (issue 8 "Speed"): 1,000,000 expired synced messages purged in bounded batches
// (PRODUCT #16 bodies, then PRODUCT #17 metadata) while a timeline-like reader and a sync-like writer
// run concurrently; prints rows/s and the worst latencies those two saw during each purge.
//   npx tsx bench/purge-bench.ts [rows=1000000] [batch=5000]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startEmbeddedPostgres } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { createDb } from '@/db/client';
import { addMember, createContact, createOrganization } from '@/server/services/organizations';
import { makeMailbox } from '@/server/services/retention/retention-fixtures';
import { purgeExpiredBodies } from '@/server/services/retention/purge-bodies';
import { purgeExpiredMetadata } from '@/server/services/retention/purge-metadata';
import type { PurgeRunResult } from '@/server/services/retention/purge-run';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const BATCH = Number(process.argv[3] ?? 5000);
const NOW = new Date('2026-12-01T00:00:00Z');

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : 0);

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mailroom-purge-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'purge_bench', fast: true });
  try {
    await runMigrations(pg.url);
    const { db, sql: client } = createDb(pg.url, { max: 6 });
    const org = await createOrganization(db, { name: 'Bench', domain: 'bench.test' });
    const rep = await addMember(db, org.id, { email: 'rep@bench.test', name: 'Rep', role: 'rep' });
    const contact = await createContact(db, org.id, { firstName: 'Tim', lastName: 'Line', emails: ['tim@customer.test'] });
    const { mailbox, folder } = await makeMailbox(db, org, rep.id, 'rep@bench.test');

    let t = performance.now();
    // Synced 90 days ago: bodies (7 days) and metadata (60 days) are both expired.
    await db.execute(sql`
      insert into message (organization_id, mailbox_id, folder_id, uid_validity, uid, message_id, subject, from_address, to_addresses, cc_addresses,
                           body_text, body_html, body_expires_at, synced_at)
      select ${org.id}, ${mailbox.id}, ${folder.id}, 1, g, 'bench-' || g || '@mail.test', 'Subject ' || g, 'sender' || (g % 5000) || '@customer.test',
             '[{"address":"rep@bench.test"}]'::jsonb, '[]'::jsonb, repeat('body text ', 40), '<p>' || repeat('body html ', 40) || '</p>',
             ${NOW.toISOString()}::timestamptz - interval '83 days' + (g % 86400) * interval '1 second',
             ${NOW.toISOString()}::timestamptz - interval '90 days' + (g % 86400) * interval '1 second'
      from generate_series(1, ${ROWS}) g`);
    await db.execute(sql`
      insert into message_reference (organization_id, message_row_id, referenced_id, position)
      select organization_id, id, 'root-' || (id % 1000) || '@crm.test', 0 from message`);
    // A live timeline of 5,000 engagements on one contact: what reps read while the purge runs.
    await db.execute(sql`
      insert into engagement (organization_id, contact_id, kind, status, direction, message_id, subject, from_address, body_text, occurred_at)
      select ${org.id}, ${contact.id}, 'logged_reply', 'logged', 'inbound', 'live-' || g || '@mail.test', 'Live ' || g, 'tim@customer.test', 'hello', now() - g * interval '1 minute'
      from generate_series(1, 5000) g`);
    await db.execute(sql`vacuum analyze`);
    console.log(`seeded ${ROWS.toLocaleString()} expired messages (+ references) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const phases: Array<{ name: string; run: () => Promise<PurgeRunResult> }> = [
      { name: 'PRODUCT #16 bodies (UPDATE)', run: () => purgeExpiredBodies(db, { now: NOW, batchSize: BATCH }) },
      { name: 'PRODUCT #17 metadata (DELETE + tombstone)', run: () => purgeExpiredMetadata(db, { now: NOW, batchSize: BATCH }) },
    ];
    for (const phase of phases) {
      const reads: number[] = [];
      const writes: number[] = [];
      let running = true;
      // Timeline page (first 50, keyset order) and a sync-style single-row flag update on a row the purge may be locking.
      const reader = (async () => {
        while (running) {
          const s = performance.now();
          await client`select id, subject, occurred_at from engagement where organization_id = ${org.id} and contact_id = ${contact.id} and deleted_at is null order by occurred_at desc, id desc limit 50`;
          reads.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      const writer = (async () => {
        let i = 1;
        while (running) {
          const s = performance.now();
          await client`update message set flags = array['\\Seen'] where folder_id = ${folder.id} and uid_validity = 1 and uid = ${((i++ * 7919) % ROWS) + 1}`;
          writes.push(performance.now() - s);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      t = performance.now();
      const r = await phase.run();
      const secs = (performance.now() - t) / 1000;
      running = false;
      await Promise.all([reader, writer]);
      console.log(
        `${phase.name}: ${r.removed.toLocaleString()} rows in ${secs.toFixed(1)} s = ${Math.round(r.removed / secs).toLocaleString()} rows/s, ${r.batches} batches of ${BATCH}; ` +
          `timeline query p50 ${pct(reads, 0.5).toFixed(1)} ms p99 ${pct(reads, 0.99).toFixed(1)} ms max ${Math.max(...reads).toFixed(1)} ms (${reads.length} runs); ` +
          `sync row update (lock wait) p99 ${pct(writes, 0.99).toFixed(1)} ms max ${Math.max(...writes).toFixed(1)} ms (${writes.length} runs)`,
      );
    }
    const [left] = await db.execute<{ n: number; tombs: number }>(sql`select (select count(*)::int from message) as n, (select count(*)::int from purged_message_id) as tombs`);
    console.log(`left: ${left?.n} messages, ${left?.tombs?.toLocaleString()} tombstones`);
    await client.end();
  } finally {
    await pg.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

void main();
