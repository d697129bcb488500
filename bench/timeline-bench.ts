// Timeline benchmark (issue 7 "Speed"): 1,000,000 synced messages in the database, 10,000 engagements on
// one contact (plus 90,000 on others); prints p50/p95 server time of the first timeline page (the exact
// query the timeline procedure runs, including never-log visibility and page decoration) and its plan.
//   npx tsx bench/timeline-bench.ts [messages=1000000] [engagements=10000] [runs=200]
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startEmbeddedPostgres } from '@/db/embedded';
import { runMigrations } from '@/db/migrate';
import { createDb } from '@/db/client';
import { addMember, createContact, createOrganization } from '@/server/services/organizations';
import { makeMailbox } from '@/server/services/retention/retention-fixtures';
import { listTimeline, visibleEngagement } from '@/db/queries/timeline';

const MESSAGES = Number(process.argv[2] ?? 1_000_000);
const ENGAGEMENTS = Number(process.argv[3] ?? 10_000);
const RUNS = Number(process.argv[4] ?? 200);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mailroom-timeline-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'timeline_bench', fast: true });
  try {
    await runMigrations(pg.url);
    const { db, sql: client } = createDb(pg.url, { max: 4 });
    const org = await createOrganization(db, { name: 'Bench', domain: 'bench.test' });
    const rep = await addMember(db, org.id, { email: 'rep@bench.test', name: 'Rep', role: 'rep' });
    const contact = await createContact(db, org.id, { firstName: 'Tim', lastName: 'Line', emails: ['tim@customer.test'] });
    const others = await db.execute<{ id: string }>(sql`
      insert into contact (organization_id, first_name, last_name) select ${org.id}, 'Other', 'C' || g from generate_series(1, 90) g returning id`);
    const { mailbox, folder } = await makeMailbox(db, org, rep.id, 'rep@bench.test');
    await db.execute(sql`insert into never_log_rule (organization_id, kind, value) values (${org.id}, 'domain', 'never.example'), (${org.id}, 'address', 'someone@else.example')`);

    let t = performance.now();
    await db.execute(sql`
      insert into message (organization_id, mailbox_id, folder_id, uid_validity, uid, message_id, subject, from_address, to_addresses, cc_addresses, synced_at, match_decision)
      select ${org.id}, ${mailbox.id}, ${folder.id}, 1, g, 'bench-' || g || '@mail.test', 'Subject ' || g, 'sender' || (g % 5000) || '@customer.test',
             '[{"address":"rep@bench.test"}]'::jsonb, '[]'::jsonb, now() - (g || ' seconds')::interval, '{"capture":"metadata-only","captureReason":"not-a-crm-thread"}'::jsonb
      from generate_series(1, ${MESSAGES}) g`);
    console.log(`seeded ${MESSAGES.toLocaleString()} messages in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const threads = await db.execute<{ id: string }>(sql`insert into thread (organization_id, subject) select ${org.id}, 'Thread ' || g from generate_series(1, 2000) g returning id`);
    const threadIds = threads.map((r) => r.id);
    const seed = async (contactId: string, n: number, offset: number) =>
      db.execute(sql`
        insert into engagement (organization_id, contact_id, thread_id, mailbox_id, kind, status, direction, message_id, subject, from_address, to_addresses, body_text, occurred_at, match_reason)
        select ${org.id}, ${contactId}, (${sql.raw(`array['${threadIds.join("','")}']::uuid[]`)})[1 + (g % ${threadIds.length})], ${mailbox.id},
               case when g % 2 = 0 then 'logged_reply'::engagement_kind else 'sent_from_timeline'::engagement_kind end,
               case when g % 2 = 0 then 'logged'::engagement_status else 'sent'::engagement_status end,
               case when g % 2 = 0 then 'inbound'::direction else 'outbound'::direction end,
               'eng-' || ${offset} + g || '@mail.test', 'Re: pricing question ' || g, 'tim@customer.test', '[{"address":"rep@bench.test"}]'::jsonb,
               'Thanks for the update about order ' || g || '. Regards, Tim', now() - (g || ' minutes')::interval, '{"matched":true,"via":"in-reply-to"}'::jsonb
        from generate_series(1, ${n}) g`);
    await seed(contact.id, ENGAGEMENTS, 0);
    for (const [i, o] of others.entries()) await seed(o.id, 1000, (i + 1) * 1_000_000);
    await db.execute(sql`analyze`);
    console.log(`seeded ${ENGAGEMENTS.toLocaleString()} engagements on one contact and ${(others.length * 1000).toLocaleString()} on others in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const input = { contactId: contact.id, limit: 30, filter: 'all' as const };
    for (let i = 0; i < 20; i++) await listTimeline(db, org.id, input); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const page = await listTimeline(db, org.id, input);
      times.push(performance.now() - s);
      if (page.items.length !== 30) throw new Error('unexpected page size');
    }
    console.log(`first page (30 items, with attachments and thread sizes), ${RUNS} runs: p50 ${pct(times, 0.5).toFixed(2)} ms, p95 ${pct(times, 0.95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);

    const search: number[] = [];
    for (let i = 0; i < 50; i++) {
      const s = performance.now();
      await listTimeline(db, org.id, { ...input, search: 'order 4242' });
      search.push(performance.now() - s);
    }
    console.log(`search page, 50 runs: p50 ${pct(search, 0.5).toFixed(2)} ms, p95 ${pct(search, 0.95).toFixed(2)} ms`);

    // The plan of the page query itself (same SQL text as listTimeline, ids only).
    // The plan of the page query itself (same shape as listTimeline's first window, ids only).
    const plan = await db.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers)
      select e.id, (${visibleEngagement(org.id)}) as visible from engagement e
      where e.organization_id = ${org.id} and e.contact_id = ${contact.id} and e.deleted_at is null
      order by e.occurred_at desc, e.id desc limit 82`);
    console.log('\nEXPLAIN ANALYZE (first page core query):\n' + plan.map((r) => r['QUERY PLAN']).join('\n'));
    await client.end();
  } finally {
    await pg.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
