import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import type { Address } from '@/db/schema';

// Read side of the contact timeline (issue 7). Every query takes the organization id and filters on it
// first (PRODUCT #20); another organization's ids simply find nothing.

export type TimelineFilter = 'all' | 'emails' | 'attachments';

export type AttachmentChip = { id: string; engagementId: string; filename: string; mimeType: string; size: number; isInline: boolean };

export type TimelineEntry = {
  id: string;
  threadId: string | null;
  kind: 'sent_from_timeline' | 'sequence' | 'logged_reply' | 'bcc_logged';
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'logged';
  direction: 'inbound' | 'outbound';
  classification: 'normal' | 'auto_reply' | 'bounce' | 'bulk';
  subject: string;
  fromAddress: string;
  fromName: string | null;
  to: Address[];
  cc: Address[];
  occurredAt: Date;
  snippet: string | null;
  hasHtml: boolean;
  hasText: boolean;
  bodyRemovedReason: string | null;
  failureReason: string | null;
  attachmentsSkippedReason: string | null;
  attachments: AttachmentChip[];
  threadSize: number;
};

/**
 * An engagement is visible when it is not deleted (PRODUCT #14/#15: deletion hides at once) and no
 * never-log rule covers any of its participants (issue 7: rules apply to past mail too, computed at
 * read time so removing the rule restores the entries). Personal rules cover the rule owner's mail:
 * their mailbox, or what they sent. Rule values are stored normalised (lower case, bare domain).
 */
export function visibleEngagement(organizationId: string, alias = 'e'): SQL {
  const e = sql.raw(alias);
  // A scalar subquery with LIMIT 1 (not NOT EXISTS): the planner keeps it as a per-row filter on the
  // ordered index scan instead of turning it into an anti-join over a sequential scan (bench/README.md).
  return sql`${e}.deleted_at is null and (select true from never_log_rule r
    where r.organization_id = ${organizationId}
      and (r.user_id is null or r.user_id = ${e}.created_by_user_id
           or r.user_id = (select m.owner_user_id from mailbox m where m.id = ${e}.mailbox_id))
      and exists (
        select 1 from (
          select lower(${e}.from_address) as a
          union all select lower(x->>'address') from jsonb_array_elements(${e}.to_addresses || ${e}.cc_addresses) x
        ) p
        where (r.kind = 'address' and p.a = r.value)
           or (r.kind = 'domain' and (split_part(p.a, '@', 2) = r.value or right(split_part(p.a, '@', 2), length(r.value) + 1) = '.' || r.value))
      )
    limit 1) is null`;
}

function filterSql(filter: TimelineFilter): SQL {
  if (filter === 'emails') return sql`and e.classification = 'normal'`;
  if (filter === 'attachments') return sql`and exists (select 1 from attachment a where a.engagement_id = e.id and a.organization_id = e.organization_id and not a.is_inline)`;
  return sql``;
}

const entryColumns = sql`e.id, e.thread_id as "threadId", e.kind, e.status, e.direction, e.classification, e.subject,
  e.from_address as "fromAddress", e.from_name as "fromName", e.to_addresses as "to", e.cc_addresses as "cc",
  e.occurred_at as "occurredAt", left(e.body_text, 200) as snippet, (e.body_html is not null) as "hasHtml",
  (e.body_text is not null) as "hasText", e.body_removed_reason as "bodyRemovedReason", e.failure_reason as "failureReason",
  e.attachments_skipped_reason as "attachmentsSkippedReason"`;

type EntryRow = Omit<TimelineEntry, 'attachments' | 'threadSize'>;

// Raw `execute` hands timestamps back as text (drizzle's postgres-js setup); the API speaks Date.
export const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
export const asDateOrNull = (v: Date | string | null): Date | null => (v === null ? null : asDate(v));

async function decorate(db: Database, organizationId: string, contactId: string, rows: EntryRow[]): Promise<TimelineEntry[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const threadIds = [...new Set(rows.map((r) => r.threadId).filter((t): t is string => !!t))];
  const [atts, sizes] = await Promise.all([
    db.execute<AttachmentChip & { size: number | bigint }>(sql`
      select id, engagement_id as "engagementId", filename, mime_type as "mimeType", size, is_inline as "isInline"
      from attachment where organization_id = ${organizationId} and engagement_id in ${sql`(${sql.join(ids.map((i) => sql`${i}::uuid`), sql`, `)})`}
      order by filename`),
    threadIds.length
      ? db.execute<{ threadId: string; n: number }>(sql`
          select e.thread_id as "threadId", count(*)::int as n from engagement e
          where e.organization_id = ${organizationId} and e.contact_id = ${contactId}
            and e.thread_id in ${sql`(${sql.join(threadIds.map((t) => sql`${t}::uuid`), sql`, `)})`} and ${visibleEngagement(organizationId)}
          group by e.thread_id`)
      : Promise.resolve([] as { threadId: string; n: number }[]),
  ]);
  const sizeOf = new Map(sizes.map((s) => [s.threadId, s.n]));
  return rows.map((r) => ({
    ...r,
    occurredAt: asDate(r.occurredAt),
    attachments: atts.filter((a) => a.engagementId === r.id).map((a) => ({ ...a, size: Number(a.size) })),
    threadSize: r.threadId ? (sizeOf.get(r.threadId) ?? 1) : 1,
  }));
}

// One page of a contact's timeline, newest first, keyset on (occurred_at, id) over engagement_timeline_idx.
export async function listTimeline(
  db: Database,
  organizationId: string,
  input: { contactId: string; cursor?: string; limit: number; filter: TimelineFilter; search?: string },
): Promise<{ items: TimelineEntry[]; nextCursor: string | null }> {
  const term = input.search?.trim();
  // Walk engagement_timeline_idx in order with a LIMIT the planner can see (so it never sorts the whole
  // contact), computing never-log visibility per fetched row; when rules hide many rows, fetch a bigger
  // window and try again. Each window is a prefix of the same ordering, so the result is exact.
  let window = (input.limit + 1) * 2 + 20;
  let rows: EntryRow[];
  for (;;) {
    const fetched = await db.execute<EntryRow & { visible: boolean }>(sql`
      select ${entryColumns}, (${visibleEngagement(organizationId)}) as visible from engagement e
      where e.organization_id = ${organizationId} and e.contact_id = ${input.contactId} and e.deleted_at is null
        ${filterSql(input.filter)}
        ${term ? sql`and e.search_vector @@ websearch_to_tsquery('simple', ${term})` : sql``}
        ${input.cursor ? sql`and (e.occurred_at, e.id) < (select c.occurred_at, c.id from engagement c where c.id = ${input.cursor} and c.organization_id = ${organizationId})` : sql``}
      order by e.occurred_at desc, e.id desc
      limit ${window}`);
    rows = fetched.filter((r) => r.visible).map(({ visible: _v, ...r }) => r);
    if (rows.length > input.limit || fetched.length < window) break;
    window *= 4;
  }
  const page = rows.slice(0, input.limit);
  return { items: await decorate(db, organizationId, input.contactId, page), nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

// Every visible message of one thread on this contact, oldest first (the conversation view).
export async function listThread(db: Database, organizationId: string, input: { contactId: string; threadId: string }): Promise<TimelineEntry[]> {
  const rows = await db.execute<EntryRow>(sql`
    select ${entryColumns} from engagement e
    where e.organization_id = ${organizationId} and e.contact_id = ${input.contactId} and e.thread_id = ${input.threadId}
      and ${visibleEngagement(organizationId)}
    order by e.occurred_at asc, e.id asc
    limit 500`);
  return decorate(db, organizationId, input.contactId, rows);
}

// A cheap fingerprint of the timeline; the page polls it and refetches only when it changes (live updates).
export async function timelineVersion(db: Database, organizationId: string, contactId: string): Promise<string> {
  const [row] = await db.execute<{ v: string | null }>(sql`
    select concat_ws(':', count(*), max(e.created_at)::text,
      count(*) filter (where e.status in ('queued', 'sending')), count(*) filter (where e.status = 'failed'),
      count(*) filter (where e.body_removed_reason is not null),
      (select count(*) from never_log_rule r where r.organization_id = ${organizationId}),
      (select max(created_at)::text from thread_correction t where t.organization_id = ${organizationId})) as v
    from engagement e
    where e.organization_id = ${organizationId} and e.contact_id = ${contactId} and e.deleted_at is null`);
  return row?.v ?? '0';
}

export type EngagementDetail = {
  id: string;
  contactId: string;
  messageId: string;
  threadId: string | null;
  kind: TimelineEntry['kind'];
  status: TimelineEntry['status'];
  classification: TimelineEntry['classification'];
  subject: string;
  bodyText: string | null;
  bodyHtml: string | null;
  bodyRemovedReason: string | null;
  matchReason: unknown;
  mailboxAddress: string | null;
  createdByName: string | null;
  createdAt: Date;
};

// One visible engagement with its body and provenance; undefined for another organization's id (PRODUCT #20).
export async function getEngagementDetail(db: Database, organizationId: string, engagementId: string): Promise<EngagementDetail | undefined> {
  const [row] = await db.execute<EngagementDetail>(sql`
    select e.id, e.contact_id as "contactId", e.message_id as "messageId", e.thread_id as "threadId", e.kind, e.status, e.classification,
      e.subject, e.body_text as "bodyText", e.body_html as "bodyHtml", e.body_removed_reason as "bodyRemovedReason",
      e.match_reason as "matchReason", m.email_address as "mailboxAddress", u.name as "createdByName", e.created_at as "createdAt"
    from engagement e
    left join mailbox m on m.id = e.mailbox_id and m.organization_id = e.organization_id
    left join "user" u on u.id = e.created_by_user_id
    join contact ct on ct.id = e.contact_id and ct.organization_id = e.organization_id and ct.deleted_at is null
    where e.id = ${engagementId} and e.organization_id = ${organizationId} and ${visibleEngagement(organizationId)}`);
  return row ? { ...row, createdAt: asDate(row.createdAt) } : undefined;
}

// Inline parts of one engagement by Content-ID, for `cid:` images in its HTML.
export async function listInlineParts(db: Database, organizationId: string, engagementId: string): Promise<{ id: string; contentId: string }[]> {
  return db.execute<{ id: string; contentId: string }>(sql`
    select id, content_id as "contentId" from attachment
    where organization_id = ${organizationId} and engagement_id = ${engagementId} and content_id is not null`);
}

export type ContactAttachment = AttachmentChip & { occurredAt: Date; subject: string; direction: 'inbound' | 'outbound'; fromAddress: string };

// The attachments section of a contact record: every file of its visible logged emails, newest first.
export async function listContactAttachments(db: Database, organizationId: string, input: { contactId: string; limit: number }): Promise<ContactAttachment[]> {
  const rows = await db.execute<ContactAttachment & { size: number | bigint }>(sql`
    select a.id, a.engagement_id as "engagementId", a.filename, a.mime_type as "mimeType", a.size, a.is_inline as "isInline",
      e.occurred_at as "occurredAt", e.subject, e.direction, e.from_address as "fromAddress"
    from engagement e join attachment a on a.engagement_id = e.id and a.organization_id = e.organization_id
    where e.organization_id = ${organizationId} and e.contact_id = ${input.contactId} and not a.is_inline and ${visibleEngagement(organizationId)}
    order by e.occurred_at desc, a.filename
    limit ${input.limit}`);
  return rows.map((r) => ({ ...r, size: Number(r.size), occurredAt: asDate(r.occurredAt) }));
}

export type DownloadableAttachment = { id: string; blobId: string; filename: string; mimeType: string; size: number };

// An attachment the organization may download: its engagement is visible (a hidden or deleted email's
// files go with it), or it is a composer upload not yet sent.
export async function getDownloadableAttachment(db: Database, organizationId: string, attachmentId: string): Promise<DownloadableAttachment | undefined> {
  const [row] = await db.execute<DownloadableAttachment & { size: number | bigint }>(sql`
    select a.id, a.blob_id as "blobId", a.filename, a.mime_type as "mimeType", a.size
    from attachment a left join engagement e on e.id = a.engagement_id
    where a.id = ${attachmentId} and a.organization_id = ${organizationId}
      and (a.engagement_id is null or (e.organization_id = ${organizationId} and ${visibleEngagement(organizationId)}))`);
  return row ? { ...row, size: Number(row.size) } : undefined;
}
