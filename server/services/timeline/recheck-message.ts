import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { notFound } from '@/server/app-error';

// "Check this message again" (mailbox health page, issue 7). The sync decides from scratch when it meets a
// UID it has no row for, so re-checking forgets the message row (metadata only; bodies of logged mail
// live on their engagements) and rewinds the folder cursor to just below its UID. The next pass
// re-fetches from there; ingest is idempotent, so the UIDs above it cost a fetch and nothing else.
export async function recheckMessage(db: Database, actor: { organizationId: string; userId: string }, input: { mailboxId: string; messageRowId: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.execute<{ folderId: string; uidValidity: string; uid: number | bigint }>(sql`
      delete from message where id = ${input.messageRowId} and organization_id = ${actor.organizationId} and mailbox_id = ${input.mailboxId}
      returning folder_id as "folderId", uid_validity::text as "uidValidity", uid`);
    if (!row) throw notFound('Message not found');
    await tx.execute(sql`
      update mailbox_folder set last_uid = least(last_uid, ${Number(row.uid) - 1})
      where id = ${row.folderId} and organization_id = ${actor.organizationId} and uid_validity = ${row.uidValidity}::bigint`);
    await tx.execute(sql`
      insert into mailbox_event (organization_id, mailbox_id, level, kind, message, details)
      values (${actor.organizationId}, ${input.mailboxId}, 'info', 'recheck', 'A message was queued to be checked again on the next sync.', ${JSON.stringify({ uid: Number(row.uid), by: actor.userId })}::jsonb)`);
  });
}
