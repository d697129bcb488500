'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { ErrorBox, SkeletonRows } from '@/components/ui/states';
import { formatBytes, formatWhen } from './format';

// The attachments section of the contact record (issue 7, PRODUCT #9): files of every logged email.
export function ContactAttachments({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.timeline.attachments.queryOptions({ contactId }));
  if (q.isPending) return <SkeletonRows rows={2} />;
  if (q.isError) return <ErrorBox title="Could not load attachments">{q.error.message}</ErrorBox>;
  if (q.data.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-500">No files yet. Attachments of logged emails appear here.</p>;
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white shadow-sm" aria-label="Files from emails">
      {q.data.map((a) => (
        <li key={a.id} className="px-3 py-2.5">
          <a href={`/api/attachments/${a.id}`} download className="block truncate text-sm font-medium text-brand-700 hover:underline" aria-label={`Download ${a.filename}`}>
            {a.filename}
          </a>
          <p className="truncate text-xs text-slate-500">
            {formatBytes(a.size)} · {a.mimeType} · {formatWhen(a.occurredAt)}
          </p>
          <p className="truncate text-xs text-slate-400" title={a.subject}>
            {a.direction === 'inbound' ? 'From' : 'Sent in'} “{a.subject || '(no subject)'}”
          </p>
        </li>
      ))}
    </ul>
  );
}
