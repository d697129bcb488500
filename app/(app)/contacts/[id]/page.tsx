import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/server/auth/session';
import { getDb } from '@/server/db';
import { getContact } from '@/db/queries/contacts';
import { ContactHeader } from '@/components/contacts/contact-header';
import { ContactTimelineRegion } from '@/components/contacts/contact-timeline-region';
import { Composer } from '@/components/compose/composer';

export default async function ContactPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ reply?: string | string[] }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const actor = await requireActor();
  const contact = await getContact(await getDb(), actor.organizationId, id);
  if (!contact) notFound();
  // `?reply=<engagementId>` opens the composer in reply mode (the timeline's Reply button links here).
  const reply = (await searchParams).reply;
  const replyTo = typeof reply === 'string' && z.uuid().safeParse(reply).success ? reply : undefined;
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.emails[0]?.email || 'this contact';
  return (
    <div className="space-y-6">
      <ContactHeader contact={contact} />
      <Composer key={replyTo ?? 'new'} contactId={contact.id} contactName={name} replyTo={replyTo} />
      <ContactTimelineRegion contactId={contact.id} />
    </div>
  );
}
