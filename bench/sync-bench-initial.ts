// Child process of bench/sync-bench.ts: phase (c), our initial sync, alone in a fresh process, so its
// CPU and peak RSS are the sync's own (a sync worker's), not inflated by the mail world and the
// generator that the parent hosts. Reads {pgUrl, info, orgId, mailboxId} as JSON from argv[2] and
// prints {wallMs, cpuMs, peakRssMb, count} as JSON on stdout.
import fs from 'node:fs';
import { createDb } from '@/db/client';
import type { MailWorldInfo } from '@/scripts/mail-world/types';
import { syncMailboxPass } from '@/server/services/sync/sync-mailbox';
import { testOpener, testSyncDeps } from '@/server/services/sync/sync-test-kit';
import { tuneWorkerHeap } from '@/server/worker/heap';

type Input = { pgUrl: string; info: MailWorldInfo; orgId: string; mailboxId: string };

function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1048576;
}

async function main() {
  // The worker's own heap setting (server/worker/main.ts), so these figures are the worker's.
  tuneWorkerHeap();
  const input = JSON.parse(process.argv[2] ?? '{}') as Input;
  const { db, sql } = createDb(input.pgUrl, { max: 6 });
  const deps = testSyncDeps(db);
  const open = testOpener(db, input.info);
  const baseRssMb = peakRssMb();
  // Where the RSS goes: JS heap vs Buffers (socket reads, literals, COPY payloads).
  const peak = { heapTotal: 0, heapUsed: 0, external: 0 };
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peak.heapTotal = Math.max(peak.heapTotal, m.heapTotal / 1048576);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed / 1048576);
    peak.external = Math.max(peak.external, m.external / 1048576);
  }, 100);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const source = await open(input.orgId, input.mailboxId);
  const r = await syncMailboxPass(deps, source, input.mailboxId, { checkPending: true });
  await source.close();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const count = r.folders.reduce((s, f) => s + ('inserted' in f ? f.inserted : 0), 0);
  await deps.parser.close();
  await sql.end({ timeout: 2 });
  process.stdout.write(`${JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000, peakRssMb: peakRssMb(), baseRssMb, count, peak })}\n`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
