import { EmptyState } from '@/components/ui/states';

// The timeline (issue "Contact timeline") replaces this region's body.
export function ContactTimelineRegion({ contactId }: { contactId: string }) {
  return (
    <section aria-labelledby="timeline-heading" data-contact-id={contactId} className="space-y-3">
      <h2 id="timeline-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
        Timeline
      </h2>
      <EmptyState title="No emails yet">Emails you send to this contact, and their replies, appear here.</EmptyState>
    </section>
  );
}
