'use client';
import Link from 'next/link';
import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Input } from '@/components/ui/field';
import { Avatar, EmptyState, ErrorBox, SkeletonRows } from '@/components/ui/states';
import { Button } from '@/components/ui/button';
import { useDebounced } from '@/components/ui/use-debounced';

export function ContactList() {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 200);
  const query = useInfiniteQuery(
    trpc.contacts.list.infiniteQueryOptions({ search: term || undefined, limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-4">
      <div className="max-w-md">
        <label htmlFor="contact-search" className="sr-only">
          Search contacts
        </label>
        <Input id="contact-search" type="search" placeholder="Search by name, company or email" value={search} onChange={(e) => setSearch(e.target.value)} />
      </div>
      {query.isPending ? (
        <SkeletonRows rows={6} />
      ) : query.isError ? (
        <ErrorBox title="Could not load contacts">{query.error.message}</ErrorBox>
      ) : items.length === 0 ? (
        <EmptyState title={term ? `No contacts match “${term}”` : 'No contacts yet'}>
          {term ? 'Try a different name, company or email address.' : 'Contacts appear here once they are added to your CRM.'}
        </EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-100 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-3">Name</th>
                <th scope="col" className="px-5 py-3">Email</th>
                <th scope="col" className="px-5 py-3">Company</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => {
                const name = `${c.firstName} ${c.lastName}`.trim() || c.primaryEmail || 'Unnamed contact';
                return (
                  <tr key={c.id} className="hover:bg-slate-50">
                    <td className="px-5 py-3">
                      <Link href={`/contacts/${c.id}`} className="flex items-center gap-3 font-medium text-slate-900 hover:text-brand-700">
                        <Avatar name={name} size="sm" />
                        {name}
                      </Link>
                    </td>
                    <td className="px-5 py-3 text-slate-600">{c.primaryEmail ?? '—'}</td>
                    <td className="px-5 py-3 text-slate-600">{c.company ?? '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {query.hasNextPage ? (
            <div className="border-t border-slate-100 p-3 text-center">
              <Button variant="secondary" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
                {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </Button>
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}
