import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/server/auth/session';
import { MailboxHealth } from '@/components/mailbox-health/mailbox-health';

export const metadata = { title: 'Mailbox health' };

// Mailbox health (issue 7); access (owner or admin, same organization) is enforced by the procedure.
export default async function MailboxHealthPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  await requireActor();
  return <MailboxHealth mailboxId={id} />;
}
