'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';
import { EmptyState, ErrorBox, SkeletonRows } from '@/components/ui/states';
import type { Entry } from './message-item';
import { ThreadCard, type ThreadGroup } from './thread-card';
import { useDebounced } from '@/components/ui/use-debounced';

const FILTERS = [
  { id: 'all', label: 'All' },
  { id: 'emails', label: 'Emails only', hint: 'Hides auto-replies, bounces and bulk mail' },
  { id: 'attachments', label: 'With attachments' },
] as const;
type Filter = (typeof FILTERS)[number]['id'];
const POLL_MS = 4000;

// Loaded messages grouped by thread at the position of the thread's newest message.
export function groupByThread(items: Entry[]): ThreadGroup[] {
  const groups = new Map<string, ThreadGroup>();
  for (const e of items) {
    const key = e.threadId ?? `single:${e.id}`;
    if (!groups.has(key)) groups.set(key, { key, threadId: e.threadId, subject: e.subject.replace(/^((re|fwd?|aw|sv|vs)\s*:\s*)+/i, ''), latest: e, size: e.threadSize });
  }
  return [...groups.values()];
}

// The contact timeline (issue 7): newest first, threads, filters, search, keyset pages, live updates.
export function ContactTimeline({ contactId }: { contactId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 250);
  const list = useInfiniteQuery(
    trpc.timeline.list.infiniteQueryOptions({ contactId, filter, search: term || undefined, limit: 30 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  // Live: poll a cheap fingerprint; refetch the lists only when something changed (a reply logged, a send finished).
  const version = useQuery({ ...trpc.timeline.version.queryOptions({ contactId }), refetchInterval: POLL_MS, refetchIntervalInBackground: false });
  const seen = useRef<string | null>(null);
  useEffect(() => {
    const v = version.data?.version;
    if (!v) return;
    if (seen.current !== null && seen.current !== v) {
      void qc.invalidateQueries({ queryKey: trpc.timeline.list.pathKey() });
      void qc.invalidateQueries({ queryKey: trpc.timeline.thread.pathKey() });
      void qc.invalidateQueries({ queryKey: trpc.timeline.attachments.pathKey() });
    }
    seen.current = v;
  }, [version.data?.version, qc, trpc]);

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const groups = useMemo(() => groupByThread(items), [items]);
  const threads = groups.filter((g) => g.threadId).map((g) => ({ threadId: g.threadId!, subject: g.subject }));

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <div role="radiogroup" aria-label="Show" className="inline-flex rounded-md bg-slate-100 p-0.5 text-sm">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              role="radio"
              aria-checked={filter === f.id}
              title={'hint' in f ? f.hint : undefined}
              onClick={() => setFilter(f.id)}
              className={`rounded px-3 py-1.5 font-medium ${filter === f.id ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {f.label}
            </button>
          ))}
        </div>
        <div className="min-w-48 flex-1">
          <label htmlFor="timeline-search" className="sr-only">Search this timeline</label>
          <Input id="timeline-search" type="search" placeholder="Search subjects and messages" value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
      </div>
      <div aria-live="polite" className="sr-only">{list.isSuccess ? `${items.length} emails shown` : ''}</div>
      {list.isPending ? (
        <SkeletonRows rows={4} />
      ) : list.isError ? (
        <ErrorBox title="Could not load the timeline">
          {list.error.message}{' '}
          <button type="button" className="underline" onClick={() => void list.refetch()}>Try again</button>
        </ErrorBox>
      ) : groups.length === 0 ? (
        term || filter !== 'all' ? (
          <EmptyState title={term ? `No emails match “${term}”` : 'Nothing here with this filter'}>Try another search or show all emails.</EmptyState>
        ) : (
          <EmptyState title="No emails yet">Emails you send to this contact, and their replies, appear here.</EmptyState>
        )
      ) : (
        <>
          <ol className="space-y-3" aria-label="Conversations">
            {groups.map((g) => (
              <ThreadCard key={g.key} group={g} contactId={contactId} otherThreads={threads.filter((t) => t.threadId !== g.threadId)} />
            ))}
          </ol>
          {list.hasNextPage ? (
            <div className="text-center">
              <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? 'Loading…' : 'Load older emails'}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
