import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireActor } from '@/server/auth/session';
import { getDb } from '@/server/db';
import { getContact } from '@/db/queries/contacts';
import { ContactHeader } from '@/components/contacts/contact-header';
import { ContactTimelineRegion } from '@/components/contacts/contact-timeline-region';

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const actor = await requireActor();
  const contact = await getContact(await getDb(), actor.organizationId, id);
  if (!contact) notFound();
  return (
    <div className="space-y-6">
      <ContactHeader contact={contact} />
      <ContactTimelineRegion contactId={contact.id} />
    </div>
  );
}
