import type { Database } from '@/db/client';
import { pgJson } from './pg-json';
import type { mailboxFolders } from '@/db/schema';
import type { MimeParser } from '@/server/adapters/mime-parse';
import { planFetch, type FetchPlan } from '@/server/domain/sync/fetch-plan';
import { chunkUids, toUidSet } from '@/server/domain/sync/uid-set';
import type { Logger } from '@/server/logger';
import { prepareMetaBatch, writeMetaBatch, type FolderContext } from './ingest-meta';
import { logPendingMessages } from './log-pending';
import type { FlagRecord, MailSource } from './mail-source';

// One pass over one folder (issue 5): plan from the durable cursor and the server's state, then
// initial/rebuild (backfill window), incremental (UIDNEXT, CONDSTORE CHANGEDSINCE, QRESYNC VANISHED),
// flag sweep, or nothing. Cursor updates follow the work they describe, so a crash repeats work,
// never skips it, and repeating is harmless (unique keys + insert-or-ignore).

export type SyncConfig = { backfillDays: number; flagSweepIntervalMs: number; uidsPerFetch: number; batchSize: number };
// Each FETCH chunk ends in a pipeline bubble (last write, pending pass, cursor update, new command),
// so chunks are large; the cursor still advances every 5,000 UIDs for crash resume (issue 5 "Speed").
// Batches are small: with the stages pipelined, 250 rows beat 1,000 (100k INBOX: 6.0-6.2 s and
// ~145 MB peak vs 6.7-7.8 s and ~175 MB) because fewer objects live long enough to be promoted.
export const DEFAULT_SYNC_CONFIG: SyncConfig = { backfillDays: 60, flagSweepIntervalMs: 15 * 60_000, uidsPerFetch: 5000, batchSize: 250 };

export type SyncDeps = { db: Database; parser: MimeParser; logger?: Logger; now: () => Date; config: SyncConfig };
export type FolderRow = typeof mailboxFolders.$inferSelect;
export type Shared = Omit<FolderContext, 'folderId' | 'uidValidity' | 'now'>;

export type FolderPassResult = { plan: FetchPlan['kind']; fetched: number; inserted: number; logged: number; flagUpdates: number; vanished: number; quarantined: number };

// `loadShared` is only called when there is work: the no-change path touches neither rules nor threads.
export async function syncFolder(deps: SyncDeps, source: MailSource, folder: FolderRow, loadShared: () => Promise<Shared>, opts: { checkPending?: boolean } = {}): Promise<FolderPassResult> {
  const sql = deps.db.$client;
  const now = deps.now();
  const incremental = folder.stage === 'incremental' && folder.uidValidity !== null && folder.highestModseq !== null;
  const stored = { uidValidity: folder.uidValidity, lastUid: folder.lastUid, highestModseq: folder.highestModseq, stage: folder.stage, lastFlagSweepAt: folder.lastFlagSweepAt };
  // No-change fast path: a STATUS probe (no SELECT) tells whether there is anything to do at all.
  if (incremental && !opts.checkPending) {
    const status = await source.statusFolder(folder.path);
    if (status && status.highestModseq !== null) {
      const probe = planFetch({ stored, server: { ...status, capabilities: source.capabilities }, now, flagSweepIntervalMs: deps.config.flagSweepIntervalMs, backfillWindowDays: deps.config.backfillDays });
      if (probe.kind === 'nothing') {
        await sql`update mailbox_folder set last_synced_at = ${now.toISOString()}, messages_total = ${status.exists} where id = ${folder.id}`;
        return { plan: 'nothing', fetched: 0, inserted: 0, logged: 0, flagUpdates: 0, vanished: 0, quarantined: 0 };
      }
    }
  }
  const opened = await source.openFolder(folder.path, incremental ? { uidValidity: folder.uidValidity as bigint, highestModseq: folder.highestModseq as bigint } : undefined);
  const plan = planFetch({
    stored,
    server: { uidValidity: opened.uidValidity, uidNext: opened.uidNext, highestModseq: opened.highestModseq, exists: opened.exists, capabilities: source.capabilities },
    now,
    flagSweepIntervalMs: deps.config.flagSweepIntervalMs,
    backfillWindowDays: deps.config.backfillDays,
  });
  const result: FolderPassResult = { plan: plan.kind, fetched: 0, inserted: 0, logged: 0, flagUpdates: 0, vanished: 0, quarantined: 0 };
  const shared = await loadShared();
  const ctx: FolderContext = { ...shared, folderId: folder.id, uidValidity: opened.uidValidity, now };
  const pendingTarget = { id: folder.id, uidValidity: opened.uidValidity, organizationId: shared.organizationId, mailboxId: shared.mailboxId, ownAddresses: shared.ownAddresses };
  const runPending = async () => {
    const s = await logPendingMessages(deps, source, pendingTarget);
    result.logged += s.logged;
    result.quarantined += s.quarantined;
  };

  if (plan.kind === 'nothing') {
    // The no-change fast path: one SELECT on the server, one UPDATE here.
    if (opts.checkPending) await runPending();
    await sql`update mailbox_folder set last_synced_at = ${now.toISOString()}, messages_total = ${opened.exists} where id = ${folder.id}`;
    return result;
  }

  if (opened.vanished.length > 0 && folder.uidValidity === opened.uidValidity) {
    result.vanished += await markVanished(deps.db, folder.id, opened.uidValidity, opened.vanished, now);
  }

  if (plan.kind === 'initial' || plan.kind === 'rebuild') {
    if (plan.kind === 'rebuild' && plan.reason === 'uidvalidity-changed') {
      // RFC 3501 §2.3.1.1: old UIDs mean nothing now. Metadata is re-read; engagements are keyed by
      // Message-ID and contact, so the rebuild cannot log anything twice.
      await sql.begin(async (tx) => {
        await tx`delete from message where folder_id = ${folder.id} and uid_validity <> ${opened.uidValidity}`;
        await tx`update mailbox_folder set uid_validity = ${opened.uidValidity}, last_uid = 0, highest_modseq = null, stage = 'rebuild', messages_synced = 0 where id = ${folder.id}`;
        await tx`insert into mailbox_event (organization_id, mailbox_id, level, kind, message, details)
          values (${shared.organizationId}, ${shared.mailboxId}, 'info', 'folder-rebuild', 'The server renumbered this folder; it is being read again.', ${pgJson(tx, { folderId: folder.id, previous: String(plan.previousUidValidity), next: String(opened.uidValidity) })})`;
      });
    } else if (folder.uidValidity === null) {
      await sql`update mailbox_folder set uid_validity = ${opened.uidValidity} where id = ${folder.id}`;
    }
    const uids = await source.searchUids({ since: plan.since, minUid: plan.resumeAfterUid + 1 });
    const resumed = plan.resumeAfterUid > 0 ? folder.messagesSynced : 0;
    await sql`update mailbox_folder set messages_total = ${resumed + uids.length} where id = ${folder.id}`;
    let synced = resumed;
    for (const chunk of chunkUids(uids, deps.config.uidsPerFetch)) {
      await fetchAndIngest(deps, source, ctx, toUidSet(chunk), 0, result);
      await runPending();
      synced += chunk.length;
      await sql`update mailbox_folder set last_uid = ${chunk[chunk.length - 1] ?? 0}, messages_synced = ${synced} where id = ${folder.id}`;
    }
    if (uids.length === 0) await runPending();
    await sql`update mailbox_folder set stage = 'incremental', uid_next = ${opened.uidNext}, highest_modseq = ${opened.highestModseq},
      last_uid = greatest(last_uid, ${(opened.uidNext ?? 1) - 1}), last_flag_sweep_at = ${now.toISOString()}, last_synced_at = ${now.toISOString()}, failure_count = 0, retry_at = null, last_error = null
      where id = ${folder.id}`;
    return result;
  }

  let lastUid = folder.lastUid;
  if (plan.kind === 'incremental') {
    if (plan.newUidRange) lastUid = Math.max(lastUid, await fetchAndIngest(deps, source, ctx, plan.newUidRange, plan.minNewUid, result));
    await runPending();
    if (plan.changedSince !== null && folder.lastUid > 0) {
      result.flagUpdates += await applyFlags(deps.db, folder.id, opened.uidValidity, await source.fetchFlags(`1:${folder.lastUid}`, plan.changedSince));
    }
  }
  const sweep = plan.kind === 'flag-sweep' || (plan.kind === 'incremental' && plan.flagSweep);
  if (sweep && folder.lastUid > 0) {
    const flags = await source.fetchFlags(`1:${folder.lastUid}`);
    const swept = await sweepFlags(deps.db, folder.id, opened.uidValidity, folder.lastUid, flags, now);
    result.flagUpdates += swept.updated;
    result.vanished += swept.vanished;
    if (plan.kind === 'flag-sweep') await runPending();
  }
  await sql`update mailbox_folder set last_uid = ${lastUid}, uid_next = ${opened.uidNext}, highest_modseq = ${opened.highestModseq}, messages_total = ${opened.exists},
    messages_synced = messages_synced + ${result.inserted}, last_synced_at = ${now.toISOString()}, failure_count = 0, retry_at = null, last_error = null
    ${sweep ? sql`, last_flag_sweep_at = ${now.toISOString()}` : sql``}
    where id = ${folder.id}`;
  return result;
}

// Streams metadata into Postgres batch by batch; returns the highest UID seen. Three stages overlap:
// the reader parses batch N+2 while batch N+1 is prepared (lookups, decisions) and batch N is
// COPYed. Writes stay in order, one at a time; at most two wait behind the reader (bounded memory).
async function fetchAndIngest(deps: SyncDeps, source: MailSource, ctx: FolderContext, uidSet: string, minUid: number, result: FolderPassResult): Promise<number> {
  let maxUid = 0;
  let last: Promise<void> = Promise.resolve();
  let beforeLast: Promise<void> = Promise.resolve();
  const fetching = source.fetchMeta(
    uidSet,
    async (batch) => {
      const keep = minUid > 0 ? batch.filter((m) => m.uid >= minUid) : batch;
      for (const m of keep) if (m.uid > maxUid) maxUid = m.uid;
      result.fetched += keep.length;
      if (keep.length === 0) return;
      const preparing = prepareMetaBatch(deps.db, ctx, keep);
      const write = Promise.all([preparing, last]).then(async ([prepared]) => {
        const s = await writeMetaBatch(deps.db, ctx, prepared);
        result.inserted += s.inserted;
      });
      // Awaited below or by the next batch; until then a failure must not count as unhandled.
      write.catch(() => undefined);
      const wait = beforeLast;
      beforeLast = last;
      last = write;
      await wait;
    },
    { batchSize: deps.config.batchSize },
  );
  try {
    await fetching;
  } catch (err) {
    // A cut connection: let the writes in flight settle, so the caller's retry starts from a quiet state.
    await Promise.allSettled([beforeLast, last]);
    throw err;
  }
  await beforeLast;
  await last;
  return maxUid;
}

async function markVanished(db: Database, folderId: string, uidValidity: bigint, uids: number[], now: Date): Promise<number> {
  const r = await db.$client`update message set vanished_at = ${now.toISOString()} where folder_id = ${folderId} and uid_validity = ${uidValidity} and uid = any(${uids}) and vanished_at is null`;
  return r.count;
}

async function applyFlags(db: Database, folderId: string, uidValidity: bigint, flags: FlagRecord[]): Promise<number> {
  if (flags.length === 0) return 0;
  const sql = db.$client;
  const payload = flags.map((f) => ({ uid: f.uid, flags: f.flags, modseq: f.modseq === null ? null : String(f.modseq) }));
  const r = await sql`
    update message m set flags = v.flags, modseq = coalesce(v.modseq::bigint, m.modseq)
    from jsonb_to_recordset(${pgJson(sql, payload)}::jsonb) as v(uid bigint, flags text[], modseq text)
    where m.folder_id = ${folderId} and m.uid_validity = ${uidValidity} and m.uid = v.uid and m.flags is distinct from v.flags`;
  return r.count;
}

// Without QRESYNC nothing reports expunges: list every known UID's flags, update what changed, and
// mark what the server no longer has as vanished.
async function sweepFlags(db: Database, folderId: string, uidValidity: bigint, lastUid: number, flags: FlagRecord[], now: Date) {
  const sql = db.$client;
  const known = await sql<{ uid: number; flags: string[] | null }[]>`
    select uid, flags from message where folder_id = ${folderId} and uid_validity = ${uidValidity} and uid <= ${lastUid} and vanished_at is null`;
  const server = new Map(flags.map((f) => [f.uid, f]));
  const changed: FlagRecord[] = [];
  const gone: number[] = [];
  for (const k of known) {
    const s = server.get(Number(k.uid));
    if (!s) gone.push(Number(k.uid));
    else if ((k.flags ?? []).slice().sort().join(' ') !== s.flags.slice().sort().join(' ')) changed.push(s);
  }
  return { updated: await applyFlags(db, folderId, uidValidity, changed), vanished: gone.length ? await markVanished(db, folderId, uidValidity, gone, now) : 0 };
}
