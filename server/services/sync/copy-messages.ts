import type { Sql } from '@/db/client';

// Bulk insert of synced metadata with COPY (issue 5 "Bulk writes use COPY"): rows stream as text into
// a per-transaction staging table, then one INSERT … SELECT … ON CONFLICT DO NOTHING moves them into
// `message`, so a re-run of the same UIDs stays harmless. Far cheaper per row than bound parameters.

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

export async function copyInsertMessages(sql: Sql, rows: readonly MessageCopyRow[]): Promise<{ id: string; references: string[] | null; thread_id: string | null }[]> {
  if (rows.length === 0) return [];
  const cols = COLUMNS.map((c) => `"${c.name}"`).join(', ');
  // Plain string concatenation: no per-row arrays (this runs once per synced message).
  let body = '';
  for (const r of rows) {
    for (let i = 0; i < COLUMNS.length; i++) {
      const c = COLUMNS[i]!;
      body += i === 0 ? field(r[c.name], c.kind) : '\t' + field(r[c.name], c.kind);
    }
    body += '\n';
  }
  return sql.begin(async (tx) => {
    await tx.unsafe(`create temp table message_stage (${COLUMNS.map((c) => `"${c.name}" ${c.type}`).join(', ')}) on commit drop`);
    const writable = await tx.unsafe(`copy message_stage (${cols}) from stdin`).writable();
    await new Promise<void>((resolve, reject) => {
      writable.on('error', reject);
      writable.end(body, () => resolve());
    });
    return tx.unsafe<{ id: string; references: string[] | null; thread_id: string | null }[]>(
      `insert into message (${cols}) select ${cols} from message_stage on conflict (folder_id, uid_validity, uid) do nothing returning id, "references", thread_id`,
    );
  }) as Promise<{ id: string; references: string[] | null; thread_id: string | null }[]>;
}
