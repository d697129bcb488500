'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { ErrorBox, SkeletonRows } from '@/components/ui/states';
import { MessageItem, type Entry } from './message-item';

export type ThreadGroup = { key: string; threadId: string | null; subject: string; latest: Entry; size: number };

// A conversation (issue 7): the newest message, expandable to every message oldest first.
export function ThreadCard({ group, contactId, otherThreads }: { group: ThreadGroup; contactId: string; otherThreads: { threadId: string; subject: string }[] }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [expanded, setExpanded] = useState(false);
  const [mergeTarget, setMergeTarget] = useState('');
  const multi = group.size > 1 && group.threadId !== null;
  const thread = useQuery({ ...trpc.timeline.thread.queryOptions({ contactId, threadId: group.threadId ?? '00000000-0000-4000-8000-000000000000' }), enabled: expanded && multi });
  const merge = useMutation(trpc.timeline.merge.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.timeline.pathKey() }) }));

  return (
    <li className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="timeline-thread">
      {multi ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 bg-slate-50/70 px-4 py-2">
          <button type="button" className="min-w-0 flex-1 text-left" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
            <span className="block truncate text-sm font-semibold text-slate-900">{group.subject || '(no subject)'}</span>
            <span className="text-xs text-slate-500">
              {group.size} messages · {expanded ? 'hide conversation' : 'show conversation'}
            </span>
          </button>
        </div>
      ) : (
        <h3 className="truncate border-b border-slate-100 bg-slate-50/70 px-4 py-2 text-sm font-semibold text-slate-900">{group.subject || '(no subject)'}</h3>
      )}
      {expanded && multi ? (
        thread.isPending ? (
          <div className="p-4"><SkeletonRows rows={group.size > 3 ? 3 : group.size} /></div>
        ) : thread.isError ? (
          <div className="p-4"><ErrorBox title="Could not load the conversation">{thread.error.message}</ErrorBox></div>
        ) : (
          <ol className="divide-y divide-slate-100">
            {thread.data.map((e, i) => (
              <li key={e.id}>
                <MessageItem e={e} contactId={contactId} inThread defaultOpen={i === thread.data.length - 1} />
              </li>
            ))}
          </ol>
        )
      ) : (
        <MessageItem e={group.latest} contactId={contactId} inThread={multi} />
      )}
      {group.threadId && otherThreads.length ? (
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2 text-xs text-slate-500">
          <label htmlFor={`merge-${group.key}`}>Merge this conversation into</label>
          <select id={`merge-${group.key}`} className="rounded-md border-slate-300 py-1 text-xs" value={mergeTarget} onChange={(e) => setMergeTarget(e.target.value)}>
            <option value="">Choose a conversation…</option>
            {otherThreads.map((t) => (
              <option key={t.threadId} value={t.threadId}>{t.subject || '(no subject)'}</option>
            ))}
          </select>
          <Button variant="secondary" className="!px-2 !py-1 text-xs" disabled={!mergeTarget || merge.isPending} onClick={() => merge.mutate({ sourceThreadId: group.threadId!, targetThreadId: mergeTarget })}>
            Merge
          </Button>
          {merge.isError ? <span role="alert" className="text-red-700">{merge.error.message}</span> : null}
        </div>
      ) : null}
    </li>
  );
}
