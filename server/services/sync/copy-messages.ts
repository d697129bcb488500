import type { Sql } from '@/db/client';

// Bulk insert of synced metadata with COPY (issue 5 "Bulk writes use COPY"): far cheaper per row than
// bound parameters. A re-run of the same UIDs stays harmless: stored UIDs are filtered out before the
// COPY, and a racing writer sends the batch through a staging table + INSERT … ON CONFLICT DO NOTHING.

export type MessageCopyRow = {
  organization_id: string;
  mailbox_id: string;
  folder_id: string;
  uid_validity: bigint;
  uid: number;
  message_id: string;
  in_reply_to: string | null;
  references: string[];
  thread_index: string | null;
  subject: string | null;
  from_address: string | null;
  from_name: string | null;
  to_addresses: unknown;
  cc_addresses: unknown;
  sent_at: string | null;
  internal_date: string | null;
  size: number | null;
  flags: string[];
  modseq: bigint | null;
  thread_id: string | null;
  classification: string;
  match_decision: unknown;
};

const COLUMNS: { name: keyof MessageCopyRow; type: string; kind?: 'array' | 'json' }[] = [
  { name: 'organization_id', type: 'uuid' },
  { name: 'mailbox_id', type: 'uuid' },
  { name: 'folder_id', type: 'uuid' },
  { name: 'uid_validity', type: 'bigint' },
  { name: 'uid', type: 'bigint' },
  { name: 'message_id', type: 'text' },
  { name: 'in_reply_to', type: 'text' },
  { name: 'references', type: 'text[]', kind: 'array' },
  { name: 'thread_index', type: 'text' },
  { name: 'subject', type: 'text' },
  { name: 'from_address', type: 'text' },
  { name: 'from_name', type: 'text' },
  { name: 'to_addresses', type: 'jsonb', kind: 'json' },
  { name: 'cc_addresses', type: 'jsonb', kind: 'json' },
  { name: 'sent_at', type: 'timestamptz' },
  { name: 'internal_date', type: 'timestamptz' },
  { name: 'size', type: 'integer' },
  { name: 'flags', type: 'text[]', kind: 'array' },
  { name: 'modseq', type: 'bigint' },
  { name: 'thread_id', type: 'uuid' },
  { name: 'classification', type: 'mail_classification' },
  { name: 'match_decision', type: 'jsonb', kind: 'json' },
];

// COPY text format (PostgreSQL "COPY", File Formats): backslash, tab, newline and CR are escaped.
export function copyText(s: string): string {
  // Fast path: most values need no escaping. NUL cannot be stored in text at all.
  if (!/[\\\t\n\r\0]/.test(s)) return s;
  return s.replace(/[\\\t\n\r\0]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : ''));
}

// Array literal ("{"a","b"}") with each element double-quoted and its quotes/backslashes escaped.
export function pgTextArray(items: readonly string[]): string {
  return `{${items.map((i) => `"${i.replace(/\0/g, '').replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function field(v: unknown, kind: 'array' | 'json' | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (kind === 'array') return copyText(pgTextArray(v as string[]));
  if (kind === 'json') {
    const json = JSON.stringify(v);
    return copyText(json.includes('\\u0000') ? json.replace(/\\u0000/g, '') : json);
  }
  return copyText(String(v));
}

export type CopyResult = { inserted: number; threadRows: { id: string; references: string[] | null; thread_id: string | null }[] };

export function copyBody(rows: readonly MessageCopyRow[]): string {
  // Plain string concatenation: no per-row arrays (this runs once per synced message).
  let body = '';
  for (const r of rows) {
    for (let i = 0; i < COLUMNS.length; i++) {
      const c = COLUMNS[i]!;
      body += i === 0 ? field(r[c.name], c.kind) : '\t' + field(r[c.name], c.kind);
    }
    body += '\n';
  }
  return body;
}

async function copyInto(tx: Sql, table: string, body: string): Promise<void> {
  const writable = await tx.unsafe(`copy ${table} (${COLUMN_LIST}) from stdin`).writable();
  await new Promise<void>((resolve, reject) => {
    writable.on('error', reject);
    // The server's verdict (e.g. a unique violation) arrives through this callback, not only 'error'.
    writable.end(body, (err?: Error | null) => (err ? reject(err) : resolve()));
  });
}

const COLUMN_LIST = COLUMNS.map((c) => `"${c.name}"`).join(', ');
const UNIQUE_VIOLATION = '23505';

type ThreadRow = { id: string; references: string[] | null; thread_id: string | null };
const NOTHING: CopyResult = { inserted: 0, threadRows: [] };

function singleFolder(rows: readonly MessageCopyRow[]): { folderId: string; uidValidity: bigint; min: number; max: number } | null {
  const folderId = rows[0]!.folder_id;
  const uidValidity = rows[0]!.uid_validity;
  let min = Infinity;
  let max = 0;
  for (const r of rows) {
    if (r.folder_id !== folderId || r.uid_validity !== uidValidity) return null;
    if (r.uid < min) min = r.uid;
    if (r.uid > max) max = r.uid;
  }
  return { folderId, uidValidity, min, max };
}

/** UIDs of a folder already stored within [min, max] (a resumed chunk repeats some). */
export async function storedUids(sql: Sql, folderId: string, uidValidity: bigint, min: number, max: number): Promise<Set<number>> {
  const stored = await sql<{ uid: string }[]>`select uid from message where folder_id = ${folderId} and uid_validity = ${uidValidity} and uid between ${min} and ${max}`;
  return new Set(stored.map((r) => Number(r.uid)));
}

async function withoutStored(sql: Sql, rows: readonly MessageCopyRow[], f: { folderId: string; uidValidity: bigint; min: number; max: number }) {
  const have = await storedUids(sql, f.folderId, f.uidValidity, f.min, f.max);
  return have.size === 0 ? rows : rows.filter((r) => !have.has(r.uid));
}

async function stagedInsert(sql: Sql, rows: readonly MessageCopyRow[], body: string): Promise<CopyResult> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`create temp table message_stage (${COLUMNS.map((c) => `"${c.name}" ${c.type}`).join(', ')}) on commit drop`);
    await copyInto(tx as unknown as Sql, 'message_stage', body);
    const ins = await tx.unsafe<ThreadRow[]>(
      `insert into message (${COLUMN_LIST}) select ${COLUMN_LIST} from message_stage on conflict (folder_id, uid_validity, uid) do nothing returning id, "references", thread_id`,
    );
    return { inserted: ins.length, threadRows: ins.filter((r) => r.thread_id !== null) };
  }) as Promise<CopyResult>;
}

/**
 * Inserts the rows of one folder batch, skipping UIDs already stored. The usual case (nothing stored
 * yet) is one COPY straight into `message`, atomic on its own, so no transaction round trips: half
 * the server work of staging + INSERT … SELECT. A writer that slips in between makes the COPY fail
 * on the unique key as a whole, and the batch then takes the staging path with ON CONFLICT.
 * `body`: the COPY text of exactly `rows` when the caller built it already; `storedChecked`: the
 * caller dropped the UIDs `storedUids` reports (ingest-meta does both in its CPU stage).
 */
export async function copyInsertMessages(sql: Sql, rows: readonly MessageCopyRow[], opts: { body?: string; storedChecked?: boolean } = {}): Promise<CopyResult> {
  if (rows.length === 0) return NOTHING;
  const f = singleFolder(rows);
  if (!f) return stagedInsert(sql, rows, opts.body ?? copyBody(rows));
  const fresh = opts.storedChecked ? rows : await withoutStored(sql, rows, f);
  if (fresh.length === 0) return NOTHING;
  const body = fresh === rows && opts.body !== undefined ? opts.body : copyBody(fresh);
  try {
    await copyInto(sql, 'message', body);
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    return stagedInsert(sql, fresh, body);
  }
  const threadUids = fresh.filter((r) => r.thread_id !== null).map((r) => r.uid);
  const threadRows = threadUids.length
    ? await sql<ThreadRow[]>`select id, "references", thread_id from message where folder_id = ${f.folderId} and uid_validity = ${f.uidValidity} and uid = any(${threadUids})`
    : [];
  return { inserted: fresh.length, threadRows };
}
