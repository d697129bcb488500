import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { asDate, asDateOrNull } from './timeline';

// The mailbox health page (issue 7): status, last sync, counts by outcome and reason, recent problems.

export type MailboxHealth = {
  id: string;
  emailAddress: string;
  kind: 'google' | 'microsoft' | 'imap';
  ownerUserId: string;
  status: 'connecting' | 'syncing' | 'connected' | 'degraded' | 'disconnected';
  statusKind: string | null;
  statusReason: string | null;
  lastSyncedAt: Date | null;
  counts: { synced: number; logged: number; pending: number; skipped: number; quarantined: number };
  skippedByReason: { reason: string; count: number }[];
  quarantined: { id: number; subject: string | null; fromAddress: string | null; reason: string; syncedAt: Date }[];
  skippedRecent: { id: number; subject: string | null; fromAddress: string | null; reason: string; syncedAt: Date }[];
  events: { id: number; level: 'info' | 'warn' | 'error'; kind: string; message: string; createdAt: Date }[];
  folders: { path: string; role: string; messagesTotal: number; messagesSynced: number; lastError: string | null; lastSyncedAt: Date | null }[];
};

// One mailbox of the organization, or undefined (another organization's id: NOT_FOUND, PRODUCT #20).
export async function getMailboxHealth(db: Database, organizationId: string, mailboxId: string): Promise<MailboxHealth | undefined> {
  const [mb] = await db.execute<Omit<MailboxHealth, 'counts' | 'skippedByReason' | 'quarantined' | 'skippedRecent' | 'events' | 'folders'>>(sql`
    select id, email_address as "emailAddress", kind, owner_user_id as "ownerUserId", status, status_kind as "statusKind",
      status_reason as "statusReason", last_synced_at as "lastSyncedAt"
    from mailbox where id = ${mailboxId} and organization_id = ${organizationId} and removed_at is null`);
  if (!mb) return undefined;
  const scope = sql`organization_id = ${organizationId} and mailbox_id = ${mailboxId}`;
  const [counts, byReason, quarantined, skippedRecent, events, folders] = await Promise.all([
    db.execute<MailboxHealth['counts']>(sql`
      select count(*)::int as synced,
        count(*) filter (where match_decision->>'logged' = 'true')::int as logged,
        count(*) filter (where match_decision->>'capture' = 'body' and match_decision->'logged' is null and quarantine_reason is null)::int as pending,
        count(*) filter (where match_decision->>'capture' = 'metadata-only')::int as skipped,
        count(*) filter (where quarantine_reason is not null)::int as quarantined
      from message where ${scope}`),
    db.execute<{ reason: string; count: number }>(sql`
      select coalesce(match_decision->>'captureReason', 'unknown') as reason, count(*)::int as count
      from message where ${scope} and match_decision->>'capture' = 'metadata-only'
      group by 1 order by 2 desc limit 20`),
    db.execute<MailboxHealth['quarantined'][number]>(sql`
      select id, subject, from_address as "fromAddress", quarantine_reason as reason, synced_at as "syncedAt"
      from message where ${scope} and quarantine_reason is not null order by synced_at desc limit 50`),
    db.execute<MailboxHealth['skippedRecent'][number]>(sql`
      select id, subject, from_address as "fromAddress", coalesce(match_decision->>'captureReason', 'unknown') as reason, synced_at as "syncedAt"
      from message where ${scope} and match_decision->>'capture' = 'metadata-only' order by synced_at desc limit 20`),
    db.execute<MailboxHealth['events'][number]>(sql`
      select id, level, kind, message, created_at as "createdAt" from mailbox_event
      where ${scope} order by created_at desc limit 30`),
    db.execute<MailboxHealth['folders'][number]>(sql`
      select path, role, messages_total as "messagesTotal", messages_synced as "messagesSynced", last_error as "lastError", last_synced_at as "lastSyncedAt"
      from mailbox_folder where ${scope} order by role, path`),
  ]);
  const num = <T extends { id: unknown; syncedAt: Date }>(rows: T[]) => rows.map((r) => ({ ...r, id: Number(r.id), syncedAt: asDate(r.syncedAt) }));
  return {
    ...mb,
    lastSyncedAt: asDateOrNull(mb.lastSyncedAt),
    counts: counts[0] ?? { synced: 0, logged: 0, pending: 0, skipped: 0, quarantined: 0 },
    skippedByReason: [...byReason],
    quarantined: num([...quarantined]),
    skippedRecent: num([...skippedRecent]),
    events: events.map((e) => ({ ...e, id: Number(e.id), createdAt: asDate(e.createdAt) })),
    folders: folders.map((f) => ({ ...f, lastSyncedAt: asDateOrNull(f.lastSyncedAt) })),
  };
}

// Mailboxes of the organization a user may open health pages for (their own; admins: all).
export async function listHealthMailboxes(db: Database, organizationId: string, userId: string, isAdmin: boolean) {
  return db.execute<{ id: string; emailAddress: string; status: string }>(sql`
    select id, email_address as "emailAddress", status from mailbox
    where organization_id = ${organizationId} and removed_at is null ${isAdmin ? sql`` : sql`and owner_user_id = ${userId}`}
    order by email_address`);
}
