import type { Database } from '@/db/client';
import { copyBody, copyInsertMessages, storedUids, type MessageCopyRow } from './copy-messages';
import { sha256Hex } from '@/server/adapters/blob-store-pg';
import { normaliseMessageId, parseMessageIdList, syntheticMessageId } from '@/server/domain/threads/message-id';
import { matchReply, type MatchDecision, type ThreadCandidate, type TrackedId } from '@/server/domain/threads/reply-match';
import { classifyNoise } from '@/server/domain/sync/noise';
import { collectParticipants, normaliseAddress } from '@/server/domain/sync/participants';
import { decideCapture } from '@/server/domain/sync/capture-decision';
import type { NeverLogRule } from '@/server/domain/sync/never-log';
import { ingestGuard } from '@/server/domain/retention/ingest-guard';
import { contactsByAddress } from '@/server/services/logging/log-message';
import type { MailAddress, MessageMetaRecord } from './mail-source';

// One batch of synced metadata → `message` rows (PRODUCT #7, #17): ids normalised (synthetic when
// missing), noise classified, reply matching with its reason, the capture decision; one COPY that
// skips rows already there, so every re-run is harmless. Two stages so the sync can pipeline them:
// `prepareMetaBatch` (lookups + decisions, mostly CPU here) for batch N+1 runs while
// `writeMetaBatch` (COPY, work in Postgres) of batch N is in flight. A batch's decisions never
// depend on an earlier batch's rows, only on tracked ids, contacts and engagements.

export type FolderContext = {
  organizationId: string;
  mailboxId: string;
  folderId: string;
  uidValidity: bigint;
  ownAddresses: string[];
  neverLog: NeverLogRule[];
  suppressed: Set<string>;
  candidates: ThreadCandidate[];
  now: Date;
};

export type IngestStats = { inserted: number; matched: number; toLog: number; purged: number };

const MAX_REFS_STORED = 50;
const MAX_CHECKED_IDS_RECORDED = 10;

function compactDecision(d: MatchDecision): MatchDecision {
  return d.matched ? d : { ...d, checkedIds: d.checkedIds.slice(0, MAX_CHECKED_IDS_RECORDED) };
}

function redact(list: MailAddress[], drop: Set<string>): MailAddress[] {
  return drop.size === 0 ? list : list.filter((a) => !drop.has(normaliseAddress(a.address) ?? ''));
}

type Prepared = { m: MessageMetaRecord; messageId: string; inReplyTo: string[]; references: string[] };

export type PreparedBatch = { rows: MessageCopyRow[]; body: string; stats: IngestStats };

export async function prepareMetaBatch(db: Database, ctx: FolderContext, batch: readonly MessageMetaRecord[]): Promise<PreparedBatch> {
  const sql = db.$client;
  const prepared: Prepared[] = batch.map((m) => {
    const messageId =
      normaliseMessageId(m.messageId) ??
      syntheticMessageId({ date: m.date ?? m.internalDate, from: m.from[0]?.address ?? null, subject: m.subject, size: m.size }, sha256Hex);
    return { m, messageId, inReplyTo: parseMessageIdList(m.inReplyTo), references: parseMessageIdList(m.references, { maxIds: MAX_REFS_STORED }) };
  });

  const lookup = new Set<string>();
  for (const p of prepared) {
    lookup.add(p.messageId);
    for (const id of p.inReplyTo) lookup.add(id);
    for (const id of p.references) lookup.add(id);
  }
  const ids = [...lookup];
  let minUid = Infinity;
  let maxUid = 0;
  for (const m of batch) {
    if (m.uid < minUid) minUid = m.uid;
    if (m.uid > maxUid) maxUid = m.uid;
  }
  const [trackedRows, purgedRows, stored] = await Promise.all([
    sql<{ message_id: string; thread_id: string; source: string }[]>`
      select message_id, thread_id, source from tracked_message_id where organization_id = ${ctx.organizationId} and message_id = any(${ids})`,
    sql<{ message_id: string }[]>`select message_id from purged_message_id where mailbox_id = ${ctx.mailboxId} and message_id = any(${prepared.map((p) => p.messageId)})`,
    storedUids(sql, ctx.folderId, ctx.uidValidity, minUid, maxUid),
  ]);
  const tracked = new Map<string, TrackedId>(trackedRows.map((r) => [r.message_id, { threadId: r.thread_id, source: r.source }]));
  const purged = new Set(purgedRows.map((r) => r.message_id));

  const decisions = prepared.map((p) => {
    const { m } = p;
    const date = m.date ?? m.internalDate ?? ctx.now;
    const match = matchReply({
      message: { messageId: p.messageId, inReplyTo: p.inReplyTo, references: p.references, threadIndex: m.threadIndex, subject: m.subject, from: m.from, to: m.to, cc: m.cc, date },
      tracked,
      candidates: ctx.candidates,
      ownAddresses: ctx.ownAddresses,
    });
    const noise = classifyNoise({ headers: m.headers, contentType: m.headers['content-type'] ?? null, from: m.from[0]?.address ?? null, subject: m.subject });
    const participants = collectParticipants({ from: m.from, to: m.to, cc: m.cc, replyTo: m.replyTo }, ctx.ownAddresses);
    return { p, match, noise, participants };
  });

  // Contacts only for matched messages: the rest are metadata only whatever their participants.
  const matchedAddresses = new Set<string>();
  for (const d of decisions) if (d.match.matched) for (const a of d.participants) matchedAddresses.add(a);
  const contacts = await contactsByAddress(db, ctx.organizationId, [...matchedAddresses]);
  const matchedIds = decisions.filter((d) => d.match.matched).map((d) => d.p.messageId);
  const alreadyEngaged = new Set(
    matchedIds.length
      ? (await sql<{ message_id: string }[]>`select distinct message_id from engagement where organization_id = ${ctx.organizationId} and message_id = any(${matchedIds})`).map((r) => r.message_id)
      : [],
  );

  const rows: MessageCopyRow[] = [];
  const stats: IngestStats = { inserted: 0, matched: 0, toLog: 0, purged: 0 };
  for (const d of decisions) {
    const { p, match, noise } = d;
    // PRODUCT #17 (no resurrection) and erase-by-address: such a message is not stored at all.
    const guard = ingestGuard(
      { messageId: p.messageId, fromAddress: p.m.from[0]?.address ?? null, toAddresses: p.m.to, ccAddresses: p.m.cc },
      { purgedMessageIds: purged, suppressedAddresses: ctx.suppressed },
    );
    if (!guard.store) {
      stats.purged++;
      continue;
    }
    const capture = decideCapture({ match, classification: noise.classification, participants: d.participants, contactByAddress: contacts, neverLog: ctx.neverLog, suppressed: ctx.suppressed });
    const drop = new Set(capture.redactAddresses);
    const from = redact(p.m.from, drop)[0] ?? null;
    const logged = capture.capture === 'body' && alreadyEngaged.has(p.messageId) ? true : undefined;
    if (match.matched) stats.matched++;
    if (capture.capture === 'body' && !logged) stats.toLog++;
    rows.push({
      organization_id: ctx.organizationId,
      mailbox_id: ctx.mailboxId,
      folder_id: ctx.folderId,
      uid_validity: ctx.uidValidity,
      uid: p.m.uid,
      message_id: p.messageId,
      in_reply_to: p.inReplyTo[p.inReplyTo.length - 1] ?? null,
      references: p.references,
      thread_index: p.m.threadIndex?.slice(0, 2000) ?? null,
      subject: p.m.subject?.slice(0, 2000) ?? null,
      from_address: from?.address ?? null,
      from_name: from?.name ?? null,
      to_addresses: redact(p.m.to, drop).slice(0, 200),
      cc_addresses: redact(p.m.cc, drop).slice(0, 200),
      sent_at: p.m.date?.toISOString() ?? null,
      internal_date: p.m.internalDate?.toISOString() ?? null,
      size: p.m.size,
      flags: p.m.flags,
      modseq: p.m.modseq,
      thread_id: match.matched ? match.threadId : null,
      classification: noise.classification,
      match_decision: {
        ...compactDecision(match),
        capture: capture.capture,
        captureReason: capture.reason,
        ...(capture.capture === 'body' ? { contactIds: capture.logOnContactIds } : {}),
        ...(capture.capture === 'metadata-only' && capture.blocked?.length ? { blocked: capture.blocked.map((b) => ({ by: b.by, rule: b.by === 'suppressed' ? '[erased]' : b.rule })) } : {}),
        ...(noise.signals.length ? { noise: noise.signals } : {}),
        ...(logged ? { logged: true } : {}),
      },
    });
  }
  // The stored-UID check and the COPY text happen here, in the CPU stage, so the write stage is one
  // COPY: Postgres work only, no round trips that wait for this busy event loop.
  const fresh = stored.size === 0 ? rows : rows.filter((r) => !stored.has(r.uid));
  return { rows: fresh, body: fresh.length ? copyBody(fresh) : '', stats };
}

export async function writeMetaBatch(db: Database, ctx: FolderContext, prepared: PreparedBatch): Promise<IngestStats> {
  const { rows, stats } = prepared;
  if (rows.length === 0) return stats;
  const sql = db.$client;
  const inserted = await copyInsertMessages(sql, rows, { body: prepared.body, storedChecked: true });
  stats.inserted = inserted.inserted;
  // One row per reference only for CRM-thread messages: those are the ones later lookups by reference
  // (BCC logged afterwards, erasure) need; every message keeps its references array anyway.
  const refRows: { organization_id: string; message_row_id: number; referenced_id: string; position: number }[] = [];
  for (const r of inserted.threadRows) {
    if (!r.thread_id) continue;
    r.references?.forEach((ref, position) => refRows.push({ organization_id: ctx.organizationId, message_row_id: Number(r.id), referenced_id: ref, position }));
  }
  for (let i = 0; i < refRows.length; i += 5000) {
    await sql`insert into message_reference ${sql(refRows.slice(i, i + 5000))} on conflict do nothing`;
  }
  return stats;
}
