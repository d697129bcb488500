import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxFolders, mailboxes } from '@/db/schema';

// Test data for the retention integration tests and the purge bench: a mailbox with one folder, and
// rows written the way the sync and logging services write them (times given, never "now").

export async function makeMailbox(db: Database, org: { id: string }, ownerUserId: string, address = `rep-${crypto.randomBytes(3).toString('hex')}@org.test`) {
  const [mb] = await db
    .insert(mailboxes)
    .values({ organizationId: org.id, ownerUserId, kind: 'imap', emailAddress: address, imapHost: '127.0.0.1', imapPort: 993, imapSecurity: 'tls', smtpHost: '127.0.0.1', smtpPort: 465, smtpSecurity: 'tls', username: address, status: 'connected' })
    .returning();
  const [folder] = await db.insert(mailboxFolders).values({ organizationId: org.id, mailboxId: mb!.id, path: 'INBOX', role: 'inbox', uidValidity: 1n }).returning();
  return { mailbox: mb!, folder: folder! };
}

let uidSeq = 1;

export type MessageSeed = { syncedAt: Date; body?: string | null; bodyExpiresAt?: Date | null; from?: string; to?: string[]; cc?: string[]; messageId?: string; references?: string[] };

export async function insertMessage(db: Database, where: { organizationId: string; mailboxId: string; folderId: string }, m: MessageSeed) {
  const messageId = m.messageId ?? `<${crypto.randomUUID()}@mail.test>`;
  const to = JSON.stringify((m.to ?? ['rep@org.test']).map((address) => ({ address })));
  const cc = JSON.stringify((m.cc ?? []).map((address) => ({ address })));
  const [row] = await db.execute<{ id: string }>(sql`
    insert into message (organization_id, mailbox_id, folder_id, uid_validity, uid, message_id, subject, from_address, to_addresses, cc_addresses,
                         body_text, body_html, body_expires_at, synced_at, "references")
    values (${where.organizationId}, ${where.mailboxId}, ${where.folderId}, 1, ${uidSeq++}, ${messageId}, 'Quarterly numbers', ${m.from ?? 'someone@customer.test'},
            ${to}::jsonb, ${cc}::jsonb, ${m.body ?? null}, ${m.body ? `<p>${m.body}</p>` : null}, ${m.bodyExpiresAt?.toISOString() ?? null}::timestamptz,
            ${m.syncedAt.toISOString()}::timestamptz, (select array_agg(x) from jsonb_array_elements_text(${JSON.stringify(m.references ?? [])}::jsonb) x))
    returning id::text`);
  const id = Number(row!.id);
  for (const [i, ref] of (m.references ?? []).entries()) {
    await db.execute(sql`insert into message_reference (organization_id, message_row_id, referenced_id, position) values (${where.organizationId}, ${id}, ${ref}, ${i})`);
  }
  return { id, messageId };
}

export type EngagementSeed = {
  kind?: 'sent_from_timeline' | 'sequence' | 'logged_reply' | 'bcc_logged';
  deletedAt?: Date | null;
  from?: string;
  to?: string[];
  cc?: string[];
  body?: string;
  mailboxId?: string | null;
  messageId?: string;
  occurredAt?: Date;
  bodyRemovedReason?: string | null;
};

export async function insertEngagement(db: Database, where: { organizationId: string; contactId: string }, e: EngagementSeed = {}) {
  const kind = e.kind ?? 'logged_reply';
  const messageId = e.messageId ?? `<${crypto.randomUUID()}@mail.test>`;
  const [row] = await db.execute<{ id: string }>(sql`
    insert into engagement (organization_id, contact_id, mailbox_id, kind, status, direction, message_id, subject, from_address, to_addresses, cc_addresses,
                            body_text, body_html, body_removed_reason, occurred_at, deleted_at)
    values (${where.organizationId}, ${where.contactId}, ${e.mailboxId ?? null}, ${kind}, ${kind === 'logged_reply' || kind === 'bcc_logged' ? 'logged' : 'sent'},
            ${kind === 'logged_reply' ? 'inbound' : 'outbound'}, ${messageId}, 'Re: Quarterly numbers', ${e.from ?? 'someone@customer.test'},
            ${JSON.stringify((e.to ?? ['rep@org.test']).map((address) => ({ address })))}::jsonb, ${JSON.stringify((e.cc ?? []).map((address) => ({ address })))}::jsonb,
            ${e.body ?? null}, ${e.body ? `<p>${e.body}</p>` : null}, ${e.bodyRemovedReason ?? null}, ${(e.occurredAt ?? new Date('1999-03-01T00:00:00Z')).toISOString()}::timestamptz,
            ${e.deletedAt?.toISOString() ?? null}::timestamptz)
    returning id`);
  return { id: row!.id, messageId };
}

// An attachment on an engagement, sharing `blobId` when given (the blob store deduplicates by content).
export async function insertAttachment(db: Database, where: { organizationId: string; engagementId: string | null }, blobId?: string) {
  let id = blobId;
  if (!id) {
    const [b] = await db.execute<{ id: string }>(sql`insert into blob (organization_id, sha256, size, complete) values (${where.organizationId}, ${crypto.randomUUID()}, 3, true) returning id`);
    id = b!.id;
    await db.execute(sql`insert into blob_chunk (blob_id, seq, data) values (${id}, 0, ${Buffer.from('abc')})`);
  }
  await db.execute(sql`insert into attachment (organization_id, engagement_id, blob_id, filename, mime_type, size) values (${where.organizationId}, ${where.engagementId}, ${id}, 'a.pdf', 'application/pdf', 3)`);
  return id;
}

// Purge runs are global and lock per rule: a test whose run was skipped because another test file held
// the rule's lock at that moment simply runs it again.
export async function runPurge<T extends { skipped: boolean }>(run: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    const r = await run();
    if (!r.skipped || i >= 50) return r;
    await new Promise((res) => setTimeout(res, 100));
  }
}
