import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, mailboxFolders, users } from '@/db/schema';

// Mailboxes for Settings → Email (issue 4). Never selects `credentials`: secrets stay in the database.
// A rep sees only their own mailboxes; an admin sees every mailbox's status, settings only for their own.

export type MailboxViewer = { userId: string; role: 'admin' | 'rep' };

export type MailboxListItem = {
  id: string;
  kind: 'google' | 'microsoft' | 'imap';
  emailAddress: string;
  ownerUserId: string;
  ownerName: string | null;
  isMine: boolean;
  status: 'connecting' | 'syncing' | 'connected' | 'degraded' | 'disconnected';
  statusKind: 'auth' | 'tls' | 'host' | 'network' | 'throttled' | 'permanent' | null;
  statusReason: string | null;
  statusChangedAt: Date;
  lastSyncedAt: Date | null;
  retryAt: Date | null;
  createdAt: Date;
  messagesSynced: number;
  messagesTotal: number;
  folders: number;
  /** Server settings, only for the viewer's own mailboxes (for reconnect). */
  settings: { imapHost: string; imapPort: number; imapSecurity: 'tls' | 'starttls' | 'none'; smtpHost: string; smtpPort: number; smtpSecurity: 'tls' | 'starttls' | 'none'; username: string } | null;
};

export async function listMailboxes(db: Database, organizationId: string, viewer: MailboxViewer): Promise<MailboxListItem[]> {
  const progress = db
    .select({
      mailboxId: mailboxFolders.mailboxId,
      synced: sql<number>`coalesce(sum(${mailboxFolders.messagesSynced}), 0)::int`.as('synced'),
      total: sql<number>`coalesce(sum(${mailboxFolders.messagesTotal}), 0)::int`.as('total'),
      folders: sql<number>`count(*)::int`.as('folders'),
    })
    .from(mailboxFolders)
    .where(eq(mailboxFolders.organizationId, organizationId))
    .groupBy(mailboxFolders.mailboxId)
    .as('progress');
  const rows = await db
    .select({
      id: mailboxes.id,
      kind: mailboxes.kind,
      emailAddress: mailboxes.emailAddress,
      ownerUserId: mailboxes.ownerUserId,
      ownerName: users.name,
      status: mailboxes.status,
      statusKind: mailboxes.statusKind,
      statusReason: mailboxes.statusReason,
      statusChangedAt: mailboxes.statusChangedAt,
      lastSyncedAt: mailboxes.lastSyncedAt,
      retryAt: mailboxes.retryAt,
      createdAt: mailboxes.createdAt,
      imapHost: mailboxes.imapHost,
      imapPort: mailboxes.imapPort,
      imapSecurity: mailboxes.imapSecurity,
      smtpHost: mailboxes.smtpHost,
      smtpPort: mailboxes.smtpPort,
      smtpSecurity: mailboxes.smtpSecurity,
      username: mailboxes.username,
      synced: progress.synced,
      total: progress.total,
      folders: progress.folders,
    })
    .from(mailboxes)
    .innerJoin(users, eq(users.id, mailboxes.ownerUserId))
    .leftJoin(progress, eq(progress.mailboxId, mailboxes.id))
    .where(
      and(
        eq(mailboxes.organizationId, organizationId),
        isNull(mailboxes.removedAt),
        viewer.role === 'admin' ? undefined : eq(mailboxes.ownerUserId, viewer.userId),
      ),
    )
    .orderBy(sql`${mailboxes.ownerUserId} = ${viewer.userId} desc`, asc(mailboxes.emailAddress));
  return rows.map((r) => {
    const isMine = r.ownerUserId === viewer.userId;
    return {
      id: r.id,
      kind: r.kind,
      emailAddress: r.emailAddress,
      ownerUserId: r.ownerUserId,
      ownerName: r.ownerName,
      isMine,
      status: r.status,
      statusKind: r.statusKind,
      statusReason: r.statusReason,
      statusChangedAt: r.statusChangedAt,
      lastSyncedAt: r.lastSyncedAt,
      retryAt: r.retryAt,
      createdAt: r.createdAt,
      messagesSynced: r.synced ?? 0,
      messagesTotal: r.total ?? 0,
      folders: r.folders ?? 0,
      settings: isMine
        ? { imapHost: r.imapHost, imapPort: r.imapPort, imapSecurity: r.imapSecurity, smtpHost: r.smtpHost, smtpPort: r.smtpPort, smtpSecurity: r.smtpSecurity, username: r.username }
        : null,
    };
  });
}
