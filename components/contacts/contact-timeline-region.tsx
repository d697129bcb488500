import { ContactTimeline } from '@/components/timeline/contact-timeline';
import { ContactAttachments } from '@/components/timeline/contact-attachments';

// The contact record's timeline and attachments section (issue 7).
export function ContactTimelineRegion({ contactId }: { contactId: string }) {
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_280px]" data-contact-id={contactId}>
      <section aria-labelledby="timeline-heading" className="min-w-0 space-y-3">
        <h2 id="timeline-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Timeline
        </h2>
        <ContactTimeline contactId={contactId} />
      </section>
      <section aria-labelledby="attachments-heading" className="space-y-3">
        <h2 id="attachments-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          Attachments
        </h2>
        <ContactAttachments contactId={contactId} />
      </section>
    </div>
  );
}
