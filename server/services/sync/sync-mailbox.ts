import { chooseSentFolder } from '@/server/domain/send/sent-folder';
import { nextRetryAt } from '@/server/domain/sync/backoff';
import { classifyFailure } from '@/server/services/mailboxes/mailbox-auth';
import { loadThreadCandidates } from './thread-candidates';
import { syncFolder, type FolderPassResult, type FolderRow, type Shared, type SyncDeps } from './sync-folder';
import type { MailSource } from './mail-source';

// One sync pass over a mailbox (issue 5): the sent folder, then INBOX (left selected for IDLE) (PRODUCT #10 picks
// the sent folder), each with its own cursor and its own backoff; connection-level failures are
// rethrown for the scheduler, which classifies them once (only `auth` disconnects, PRODUCT #5).

export type MailboxPassResult = { folders: Array<{ path: string } & (FolderPassResult | { error: string })> };

type MailboxRow = { id: string; organization_id: string; owner_user_id: string; email_address: string; status: string; sent_folder_path: string | null };

const randomUnit = Math.random;

export async function ensureFolders(deps: SyncDeps, source: MailSource, mailbox: MailboxRow): Promise<void> {
  const sql = deps.db.$client;
  const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from mailbox_folder where mailbox_id = ${mailbox.id}`;
  if (n > 0) return;
  const listing = await source.listFolders();
  const inbox = listing.find((f) => f.path.toUpperCase() === 'INBOX')?.path ?? 'INBOX';
  const sent = chooseSentFolder(listing.map((f) => ({ path: f.path, delimiter: f.delimiter, flags: f.flags, ...(f.specialUse ? { specialUse: f.specialUse } : {}) })));
  const rows = [{ organization_id: mailbox.organization_id, mailbox_id: mailbox.id, path: inbox, role: 'inbox' }];
  if ('path' in sent) rows.push({ organization_id: mailbox.organization_id, mailbox_id: mailbox.id, path: sent.path, role: 'sent' });
  await sql`insert into mailbox_folder ${sql(rows)} on conflict (mailbox_id, path) do nothing`;
  if ('path' in sent && !mailbox.sent_folder_path) await sql`update mailbox set sent_folder_path = ${sent.path} where id = ${mailbox.id} and sent_folder_path is null`;
}

export async function loadShared(deps: SyncDeps, mailbox: MailboxRow): Promise<Shared> {
  const sql = deps.db.$client;
  const [rules, suppressed, candidates] = await Promise.all([
    sql<{ kind: 'address' | 'domain'; value: string }[]>`
      select kind, value from never_log_rule where organization_id = ${mailbox.organization_id} and (user_id is null or user_id = ${mailbox.owner_user_id})`,
    sql<{ address: string }[]>`select lower(address) as address from suppressed_address where organization_id = ${mailbox.organization_id}`,
    loadThreadCandidates(deps.db, mailbox.organization_id, deps.now()),
  ]);
  return {
    organizationId: mailbox.organization_id,
    mailboxId: mailbox.id,
    ownAddresses: [mailbox.email_address],
    neverLog: rules.map((r) => ({ kind: r.kind, value: r.value })),
    suppressed: new Set(suppressed.map((s) => s.address)),
    candidates,
  };
}

export async function syncMailboxPass(deps: SyncDeps, source: MailSource, mailboxId: string, opts: { checkPending?: boolean; folders?: string[] } = {}): Promise<MailboxPassResult> {
  const sql = deps.db.$client;
  const [mailbox] = await sql<MailboxRow[]>`
    select id, organization_id, owner_user_id, email_address, status, sent_folder_path from mailbox where id = ${mailboxId} and removed_at is null`;
  if (!mailbox) return { folders: [] };
  let sharedOnce: Promise<Shared> | null = null;
  const shared = () => (sharedOnce ??= loadShared(deps, mailbox));
  const selectFolders = () => sql<FolderRow[]>`
    select id, organization_id as "organizationId", mailbox_id as "mailboxId", path, role, uid_validity as "uidValidity", uid_next as "uidNext",
      last_uid::float8 as "lastUid", highest_modseq as "highestModseq", stage, messages_total as "messagesTotal", messages_synced as "messagesSynced",
      failure_count as "failureCount", retry_at as "retryAt", last_error as "lastError", last_flag_sweep_at as "lastFlagSweepAt", last_synced_at as "lastSyncedAt"
    from mailbox_folder where mailbox_id = ${mailboxId} order by (role = 'inbox') asc, path`;
  let rawFolders = await selectFolders();
  if (rawFolders.length === 0) {
    await ensureFolders(deps, source, mailbox);
    rawFolders = await selectFolders();
  }
  const date = (v: unknown) => (v == null ? null : new Date(v as string));
  const folders = rawFolders.map((f) => ({ ...f, retryAt: date(f.retryAt), lastFlagSweepAt: date(f.lastFlagSweepAt), lastSyncedAt: date(f.lastSyncedAt) }));
  const result: MailboxPassResult = { folders: [] };
  const now = deps.now();
  for (const folder of folders) {
    if (opts.folders && !opts.folders.includes(folder.path)) continue;
    if (folder.retryAt && folder.retryAt > now) continue;
    try {
      result.folders.push({ path: folder.path, ...(await syncFolder(deps, source, folder, shared, opts)) });
    } catch (err) {
      if (source.closed) throw err;
      // A folder-level failure (e.g. the folder was deleted) backs off this folder only.
      const classified = classifyFailure(err, 'imap');
      const failures = folder.failureCount + 1;
      await sql`update mailbox_folder set failure_count = ${failures}, retry_at = ${nextRetryAt(now, failures, randomUnit).toISOString()}, last_error = ${classified.message} where id = ${folder.id}`;
      deps.logger?.warn({ mailboxId, folderId: folder.id, kind: classified.kind }, 'folder sync failed');
      result.folders.push({ path: folder.path, error: classified.kind });
    }
  }
  await sql`update mailbox set last_synced_at = ${deps.now().toISOString()} where id = ${mailboxId}`;
  return result;
}
