import type { Database } from '@/db/client';
import { pgJson } from './pg-json';
import type { Address } from '@/db/schema';
import type { MimeParser, ParsedMail } from '@/server/adapters/mime-parse';
import { MAX_ATTACHMENT_EMAIL_BYTES } from '@/server/domain/sync/attachment-policy';
import { recordMessageFailure } from '@/server/domain/sync/quarantine';
import { normaliseAddress } from '@/server/domain/sync/participants';
import type { Classification } from '@/server/domain/sync/noise';
import type { Logger } from '@/server/logger';
import { logMessage } from '@/server/services/logging/log-message';
import type { MailSource } from './mail-source';

// Bodies only for matched messages (PRODUCT #7), fetched after the metadata FETCH has ended (never a
// command inside a running FETCH). The work list is durable, read from `message`: a crash, a cut
// connection or a second worker simply finds the same rows still pending next time.

/** PRODUCT #16: synced bodies are kept 7 days (the engagement keeps its own copy). */
export const BODY_RETENTION_MS = 7 * 86_400_000;
/** Text parts of a too-large email are fetched up to this size each. */
export const MAX_TEXT_PART_BYTES = 2 * 1024 * 1024;

type PendingRow = {
  id: string;
  uid: number;
  message_id: string;
  in_reply_to: string | null;
  references: string[] | null;
  subject: string | null;
  from_address: string | null;
  from_name: string | null;
  to_addresses: Address[] | null;
  cc_addresses: Address[] | null;
  sent_at: string | null;
  internal_date: string | null;
  size: number | null;
  thread_id: string;
  classification: Classification;
  failure_count: number;
  match_decision: { contactIds?: string[] } & Record<string, unknown>;
};

export type PendingDeps = { db: Database; parser: MimeParser; logger?: Logger; now: () => Date };
export type PendingStats = { logged: number; retried: number; quarantined: number; gone: number };

export async function logPendingMessages(deps: PendingDeps, source: MailSource, folder: { id: string; uidValidity: bigint; organizationId: string; mailboxId: string; ownAddresses: string[] }): Promise<PendingStats> {
  const sql = deps.db.$client;
  const stats: PendingStats = { logged: 0, retried: 0, quarantined: 0, gone: 0 };
  const rows = await sql<PendingRow[]>`
    select id, uid::float8 as uid, message_id, in_reply_to, "references", subject, from_address, from_name, to_addresses, cc_addresses, sent_at, internal_date, size,
           thread_id, classification, failure_count, match_decision
    from message
    where folder_id = ${folder.id} and thread_id is not null and uid_validity = ${folder.uidValidity} and match_decision->>'capture' = 'body'
      and match_decision->'logged' is null and quarantine_reason is null and vanished_at is null
    order by uid limit 500`;
  const own = new Set(folder.ownAddresses.map((a) => normaliseAddress(a)).filter(Boolean));
  for (const row of rows) {
    let outcome: { ok: true; mail: ParsedMail | null; attachmentsNotFetched: number } | { ok: false; kind: 'limit' | 'error' | 'timeout'; reason: string };
    try {
      outcome = await fetchBody(deps, source, row);
    } catch (err) {
      // A dead connection is the mailbox's problem, not this message's: stop and let the caller reconnect.
      if (source.closed) throw err;
      outcome = { ok: false, kind: 'error', reason: (err as Error).message ?? String(err) };
    }
    if (outcome.ok && outcome.mail === null) {
      stats.gone++;
      await sql`update message set match_decision = match_decision || ${pgJson(sql, { logged: 'gone' })} where id = ${row.id}`;
      continue;
    }
    if (!outcome.ok) {
      // A limit breach is deterministic: retrying cannot help, so it is quarantined at once.
      const next = outcome.kind === 'limit' ? { action: 'quarantine' as const, failureCount: row.failure_count + 1, reason: `limit: ${outcome.reason}` } : recordMessageFailure(row.failure_count, `${outcome.kind}: ${outcome.reason}`);
      if (next.action === 'quarantine') {
        stats.quarantined++;
        await sql`update message set failure_count = ${next.failureCount}, quarantine_reason = ${next.reason} where id = ${row.id}`;
        await sql`insert into mailbox_event (organization_id, mailbox_id, level, kind, message, details)
          values (${folder.organizationId}, ${folder.mailboxId}, 'warn', 'message-quarantined', 'A message could not be read and was set aside.', ${pgJson(sql, { messageRowId: Number(row.id), uid: row.uid, reason: next.reason })})`;
      } else {
        stats.retried++;
        await sql`update message set failure_count = ${next.failureCount} where id = ${row.id}`;
      }
      deps.logger?.warn({ messageRowId: Number(row.id), kind: outcome.kind, action: next.action }, 'message body failed');
      continue;
    }
    const mail = outcome.mail as ParsedMail;
    const fromAddress = normaliseAddress(row.from_address);
    const result = await logMessage(deps.db, {
      organizationId: folder.organizationId,
      mailboxId: folder.mailboxId,
      kind: 'logged_reply',
      direction: fromAddress && own.has(fromAddress) ? 'outbound' : 'inbound',
      classification: row.classification,
      threadId: row.thread_id,
      messageId: row.message_id,
      inReplyTo: row.in_reply_to,
      references: row.references ?? [],
      subject: row.subject ?? '',
      from: row.from_address ? { address: row.from_address, ...(row.from_name ? { name: row.from_name } : {}) } : null,
      to: row.to_addresses ?? [],
      cc: row.cc_addresses ?? [],
      occurredAt: new Date(row.sent_at ?? row.internal_date ?? deps.now()),
      totalSize: row.size ?? Number.POSITIVE_INFINITY,
      bodyText: mail.text,
      bodyHtml: mail.html,
      attachments: mail.attachments,
      attachmentsNotFetched: outcome.attachmentsNotFetched,
      matchReason: stripWork(row.match_decision),
      contactIds: row.match_decision.contactIds ?? [],
    });
    const expires = new Date(deps.now().getTime() + BODY_RETENTION_MS);
    await sql`update message set body_text = ${mail.text}, body_html = ${mail.html}, body_expires_at = ${expires.toISOString()},
      match_decision = match_decision || ${pgJson(sql, { logged: true, engagements: result.engagementIds.length + result.alreadyLogged, ...(result.attachmentsSkippedReason ? { attachmentsSkipped: result.attachmentsSkippedReason } : {}) })}
      where id = ${row.id}`;
    stats.logged++;
  }
  return stats;
}

function stripWork(decision: PendingRow['match_decision']): Record<string, unknown> {
  const { contactIds: _c, logged: _l, ...rest } = decision;
  return rest;
}

async function fetchBody(deps: PendingDeps, source: MailSource, row: PendingRow) {
  // PRODUCT #9: a 50 MB+ email's attachments are not stored, so do not download them either.
  if (row.size !== null && row.size >= MAX_ATTACHMENT_EMAIL_BYTES) {
    const parts = await source.fetchTextParts(row.uid, MAX_TEXT_PART_BYTES);
    if (!parts) return { ok: true as const, mail: null, attachmentsNotFetched: 0 };
    const text = parts.parts.find((p) => p.contentType === 'text/plain')?.text ?? null;
    const html = parts.parts.find((p) => p.contentType === 'text/html')?.text ?? null;
    const mail: ParsedMail = { messageId: null, inReplyTo: null, references: null, threadIndex: null, subject: null, date: null, from: [], to: [], cc: [], replyTo: [], headers: {}, contentType: null, text, html, attachments: [] };
    return { ok: true as const, mail, attachmentsNotFetched: parts.attachmentCount };
  }
  const raw = await source.fetchRaw(row.uid);
  if (!raw) return { ok: true as const, mail: null, attachmentsNotFetched: 0 };
  const parsed = await deps.parser.parse(raw);
  if (!parsed.ok) return parsed;
  return { ok: true as const, mail: parsed.mail, attachmentsNotFetched: 0 };
}
