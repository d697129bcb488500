// Sync benchmark (issue 5 "Speed", PRODUCT #18): a generated INBOX of N messages (default 100,000) on
// the real mail world, measured in one run:
//   (a) raw socket UID FETCH of the metadata that only frames the response (the physical limit),
//   (b) a plain imapflow fetch() loop (how most sync engines do it),
//   (c) our initial sync into Postgres end to end,
// then a no-change resync, a resync after 100 flag changes, and reply latency (delivery → engagement
// visible) p50/p95 over 50 replies with the scheduler running. Prints a table; asserts nothing.
//   npx tsx bench/sync-bench.ts [messages=100000] [replies=50] [--in-process]
// (c) runs in a child process (bench/sync-bench-initial.ts) by default, so its CPU and peak RSS are the
// sync's own; this process also hosts the mail world's helpers and the generator.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { startEmbeddedPostgres } from '@/db/embedded';
import { bundle } from '@/scripts/build-worker.mjs';
import { runMigrations } from '@/db/migrate';
import { createDb } from '@/db/client';
import { startMailWorld } from '@/scripts/mail-world/world';
import { imapFor, replyAs } from '@/scripts/mail-world/helpers';
import { generateMessages } from '@/scripts/mail-world/generator';
import type { MailWorldInfo } from '@/scripts/mail-world/types';
import { createLogger } from '@/server/logger';
import { syncMailboxPass } from '@/server/services/sync/sync-mailbox';
import { META_HEADER_FIELDS } from '@/server/adapters/imap/imap-mail-source';
import { DEFAULT_SYNC_CONFIG } from '@/server/services/sync/sync-folder';
import { makeSyncMailbox, testOpener, testSyncDeps, trackSentMessage } from '@/server/services/sync/sync-test-kit';
import { startSyncScheduler } from '@/server/worker/sync/scheduler';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const N = Number(args[0] ?? 100_000);
const REPLIES = Number(args[1] ?? 50);
// --in-process: run (c) inside this process as before (its peak RSS then includes the mail world).
const IN_PROCESS = process.argv.includes('--in-process');
// --c-runs=K: run (c) K times (each from an empty mailbox state) to see the spread; --skip-b: leave out (b).
const C_RUNS = Number(/^--c-runs=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--c-runs=')) ?? '')?.[1] ?? 1);
const SKIP_B = process.argv.includes('--skip-b');
const FETCH = 'UID FETCH 1:* (UID FLAGS ENVELOPE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (REFERENCES IN-REPLY-TO MESSAGE-ID)])';
// What (c) actually asks for: more header fields (noise signals) and INTERNALDATE. Dovecot answers it
// from its cache only once these fields are cached, so the warm-up runs this one too.
const OUR_FETCH = `UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY.PEEK[HEADER.FIELDS (${META_HEADER_FIELDS.join(' ').toUpperCase()})])`;

type Row = { name: string; wallMs: number; cpuMs: number; peakRssMb: number; count?: number };

// Linux: writing 5 to clear_refs resets VmHWM, so each phase reports its own peak RSS.
function resetPeak() {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: the peak then covers the whole run so far.
  }
}
function peakRssMb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // fall through
  }
  return process.memoryUsage().rss / 1048576;
}

async function measure(name: string, fn: () => Promise<number | void>): Promise<Row> {
  (globalThis as { gc?: () => void }).gc?.();
  resetPeak();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const count = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { name, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peakRssMb(), ...(typeof count === 'number' ? { count } : {}) };
}

// (a) Frames the FETCH response only: lines, and {n} literals skipped by length. No parsing.
// With `timings`, the command runs 7 times and each round trip is recorded (the server's own floor).
async function rawFetch(info: MailWorldInfo, port: number, user: string, pass: string, fetch = FETCH, timings?: number[], examine = true): Promise<number> {
  const sock = net.connect({ host: info.host, port });
  let buf = Buffer.alloc(0);
  let literal = 0;
  let fetches = 0;
  let waitingTag: string | null = null;
  let resolveTag: (() => void) | null = null;
  sock.on('data', (chunk: Buffer) => {
    buf = (buf.length ? Buffer.concat([buf, chunk]) : chunk) as Buffer<ArrayBuffer>;
    let pos = 0;
    for (;;) {
      if (literal > 0) {
        const take = Math.min(literal, buf.length - pos);
        literal -= take;
        pos += take;
        if (literal > 0) break;
      }
      const nl = buf.indexOf(10, pos);
      if (nl === -1) break;
      // "* 12 FETCH (" starts a response; a line ending in {n} announces a literal of n bytes.
      if (buf[pos] === 42 && buf[pos + 1] === 32) fetches++;
      if (buf[nl - 2] === 125) {
        const open = buf.lastIndexOf(123, nl - 2);
        literal = Number(buf.toString('latin1', open + 1, nl - 2));
      } else if (waitingTag && buf.toString('latin1', pos, pos + waitingTag.length + 1) === `${waitingTag} `) {
        waitingTag = null;
        resolveTag?.();
      }
      pos = nl + 1;
    }
    buf = buf.subarray(pos);
  });
  const command = (tag: string, cmd: string) =>
    new Promise<void>((resolve) => {
      waitingTag = tag;
      resolveTag = resolve;
      sock.write(`${tag} ${cmd}\r\n`);
    });
  await new Promise((r) => sock.once('connect', r));
  await command('a1', `LOGIN "${user}" "${pass}"`);
  if (examine) await command('a2', 'EXAMINE INBOX');
  fetches = 0;
  await command('a3', fetch);
  const n = fetches;
  for (let i = 0; timings && i < 7; i++) {
    const t0 = performance.now();
    await command(`b${i}`, fetch);
    timings.push(performance.now() - t0);
  }
  await command('a4', 'LOGOUT');
  sock.destroy();
  return n;
}

// (b) The usual engine: imapflow's fetch() iterator with the same fields.
async function imapflowFetch(info: MailWorldInfo, port: number, user: string, pass: string): Promise<number> {
  const client = new ImapFlow({ host: info.host, port, secure: false, auth: { user, pass }, logger: false });
  await client.connect();
  await client.mailboxOpen('INBOX', { readOnly: true });
  let n = 0;
  for await (const m of client.fetch('1:*', { uid: true, flags: true, envelope: true, size: true, headers: ['references', 'in-reply-to', 'message-id'] }, { uid: true })) if (m.uid) n++;
  await client.logout();
  return n;
}

// (c) in a fresh process: wall time includes its own connect, CPU and peak RSS are the child's.
async function initialSyncInChild(input: { pgUrl: string; info: MailWorldInfo; orgId: string; mailboxId: string }): Promise<Row> {
  // Bundled and run by plain node exactly like the worker (npm run worker), so RSS and CPU are the worker's.
  const script = await bundle('sync-bench-initial');
  // SYNC_BENCH_NODE_FLAGS: extra node flags for the child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.SYNC_BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, script, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`initial sync child exited with ${code}`);
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { wallMs: number; cpuMs: number; peakRssMb: number; baseRssMb: number; count: number; peak: Record<string, number> };
  const p = Object.entries(r.peak).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  console.log(`(c) child process: ${r.baseRssMb.toFixed(0)} MB RSS after loading modules, ${r.peakRssMb.toFixed(0)} MB peak (peak MB: ${p})`);
  return { name: '(c) our initial sync (own process)', wallMs: r.wallMs, cpuMs: r.cpuMs, peakRssMb: r.peakRssMb, count: r.count };
}

// CPU seconds used so far by the server processes (Postgres, Dovecot), exited children included
// (utime+stime+cutime+cstime of every live process with that name): where (c)'s wall time goes.
function serverCpuMs(): Record<'postgres' | 'dovecot', number> {
  const out = { postgres: 0, dovecot: 0 };
  const tick = 1000 / 100; // USER_HZ
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick;
      if (comm === 'postgres') out.postgres += ms;
      else if (comm === 'dovecot' || comm === 'imap' || comm.startsWith('imap-')) out.dovecot += ms;
    } catch {
      // The process exited while we looked.
    }
  }
  return out;
}

const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]! : 0);
const fmt = (v: number, d = 0) => v.toFixed(d).padStart(9);

async function main() {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'mailroom-sync-bench-'));
  const pg = await startEmbeddedPostgres({ dataDir: dir, database: 'sync_bench', fast: true });
  const world = await startMailWorld({});
  const info = world.info;
  const { db, sql } = createDb(pg.url, { max: 6 });
  const rows: Row[] = [];
  try {
    await runMigrations(pg.url);
    const t = await makeSyncMailbox(db, info);
    const port = imapFor(info, t.mail.email).plainPort;
    const tg = performance.now();
    const gen = await generateMessages(info, t.mail.email, 'INBOX', N, { days: 55, seed: 5, index: true });
    console.log(`generated ${gen.messagesInFolder} messages (${(gen.bytes / 1048576).toFixed(0)} MB) in ${((performance.now() - tg) / 1000).toFixed(1)} s`);
    // Warm Dovecot's cache for the fields we fetch, so (a), (b) and (c) read the same warm server.
    await rawFetch(info, port, t.mail.email, t.mail.password);
    await rawFetch(info, port, t.mail.email, t.mail.password, OUR_FETCH);

    rows.push(await measure('(a) raw socket UID FETCH, framing only', () => rawFetch(info, port, t.mail.email, t.mail.password)));
    rows.push(await measure("(a2) same, (c)'s exact field list", () => rawFetch(info, port, t.mail.email, t.mail.password, OUR_FETCH)));
    if (!SKIP_B) rows.push(await measure('(b) imapflow fetch() loop', () => imapflowFetch(info, port, t.mail.email, t.mail.password)));
    const deps = testSyncDeps(db);
    const open = testOpener(db, info);
    if (IN_PROCESS) {
      rows.push(
        await measure('(c) our initial sync into Postgres', async () => {
          const source = await open(t.org.id, t.mailboxId);
          const r = await syncMailboxPass(deps, source, t.mailboxId, { checkPending: true });
          await source.close();
          return r.folders.reduce((s, f) => s + ('inserted' in f ? f.inserted : 0), 0);
        }),
      );
    } else {
      for (let run = 0; run < C_RUNS; run++) {
        if (run > 0) {
          await sql`delete from message where mailbox_id = ${t.mailboxId}`;
          await sql`delete from mailbox_folder where mailbox_id = ${t.mailboxId}`;
          await sql`vacuum analyze message`;
        }
        const before = serverCpuMs();
        rows.push(await initialSyncInChild({ pgUrl: pg.url, info, orgId: t.org.id, mailboxId: t.mailboxId }));
        const after = serverCpuMs();
        console.log(`(c) server CPU during the run: Postgres ${((after.postgres - before.postgres) / 1000).toFixed(1)} s, Dovecot ${((after.dovecot - before.dovecot) / 1000).toFixed(1)} s`);
      }
    }

    const source = await open(t.org.id, t.mailboxId);
    const noChange: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await syncMailboxPass(deps, source, t.mailboxId);
      noChange.push(performance.now() - t0);
    }
    // The no-change pass is one STATUS per folder: what does the server itself take for it?
    const STATUS = 'STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)';
    for (const examine of [false, true]) {
      const statusMs: number[] = [];
      await rawFetch(info, port, t.mail.email, t.mail.password, STATUS, statusMs, examine);
      rows.push({ name: `raw STATUS, ${examine ? 'INBOX selected' : 'nothing selected'} (median of 7)`, wallMs: pct(statusMs, 0.5), cpuMs: 0, peakRssMb: 0 });
    }
    rows.push({ ...(await measure('no-change resync (median of 7)', async () => void (await syncMailboxPass(deps, source, t.mailboxId)))), wallMs: pct(noChange, 0.5) });

    // Between passes the worker IDLEs on INBOX, so INBOX is selected when the next STATUS probe runs.
    await source.ensureSelected('INBOX');
    const noChangeSelected: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      await syncMailboxPass(deps, source, t.mailboxId);
      noChangeSelected.push(performance.now() - t0);
    }
    rows.push({ name: 'no-change resync, INBOX selected (median)', wallMs: pct(noChangeSelected, 0.5), cpuMs: 0, peakRssMb: 0 });

    const flagger = new ImapFlow({ host: info.host, port, secure: false, auth: { user: t.mail.email, pass: t.mail.password }, logger: false });
    await flagger.connect();
    await flagger.mailboxOpen('INBOX');
    const uids = Array.from({ length: 100 }, () => 1 + Math.floor(Math.random() * N));
    await flagger.messageFlagsAdd(uids.join(','), ['\\Flagged'], { uid: true });
    await flagger.logout();
    rows.push(
      await measure('resync after 100 flag changes', async () => {
        const r = await syncMailboxPass(deps, source, t.mailboxId);
        return r.folders.reduce((s, f) => s + ('flagUpdates' in f ? f.flagUpdates : 0), 0);
      }),
    );
    await source.close();
    await deps.parser.close();

    // Reply latency with the scheduler running (IDLE on INBOX): delivery → engagement row visible.
    const scheduler = startSyncScheduler(
      { db, sql, logger: createLogger({ level: 'silent' }), open },
      { workerId: 'bench', leaseMs: 20_000, claimEveryMs: 500, maxMailboxes: 5, session: { idleMs: 60_000, watchdogMs: 15_000, pendingEveryMs: 300_000 }, config: DEFAULT_SYNC_CONFIG },
    );
    const sentId = `bench-${crypto.randomUUID()}@bench.test`;
    await trackSentMessage(db, t.org.id, sentId, 'Latency');
    await new Promise((r) => setTimeout(r, 3000));
    const latencies: number[] = [];
    for (let i = 0; i < REPLIES; i++) {
      const before = (await sql<{ n: number }[]>`select count(*)::int as n from engagement where organization_id = ${t.org.id}`)[0]!.n;
      const t0 = performance.now();
      await replyAs(info, { fromEmail: `carla-${t.tag}@customer.test`, toMailbox: t.mail.email, original: { messageId: `<${sentId}>`, subject: 'Latency' }, text: `reply ${i}` });
      for (;;) {
        const n = (await sql<{ n: number }[]>`select count(*)::int as n from engagement where organization_id = ${t.org.id}`)[0]!.n;
        if (n > before) break;
        if (performance.now() - t0 > 30_000) throw new Error('reply not logged within 30 s');
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(performance.now() - t0);
    }
    await scheduler.stop();

    const a = rows[0]!;
    console.log(`\nSync benchmark: ${N} messages in INBOX, ${os.cpus().length} cores, Node ${process.version}\n`);
    console.log(`${'phase'.padEnd(44)}${'wall ms'.padStart(9)}${'cpu ms'.padStart(9)}${'peak RSS MB'.padStart(13)}${'count'.padStart(9)}${'× (a)'.padStart(8)}`);
    for (const r of rows) {
      console.log(`${r.name.padEnd(44)}${fmt(r.wallMs, r.wallMs < 10 ? 1 : 0)}${fmt(r.cpuMs)}${fmt(r.peakRssMb, 0).padStart(13)}${String(r.count ?? '').padStart(9)}${(r.wallMs / a.wallMs).toFixed(2).padStart(8)}`);
    }
    console.log(`\nreply latency over ${latencies.length} replies: p50 ${pct(latencies, 0.5).toFixed(0)} ms, p95 ${pct(latencies, 0.95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`);
    console.log('targets: (c) ≤ 2× (a), peak RSS ≤ 200 MB, no-change resync ≤ 50 ms, reply p95 ≤ 2000 ms (CPU is this process only; Postgres and Dovecot run in their own processes)');
  } finally {
    await sql.end({ timeout: 2 });
    await world.stop();
    await pg.stop();
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
