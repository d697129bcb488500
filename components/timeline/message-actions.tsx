'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/field';

// Thread correction on one email (issue 7): split it out, move it to another contact, remove it.
export function MessageActions({ engagementId, contactId, inThread }: { engagementId: string; contactId: string; inThread: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [panel, setPanel] = useState<'none' | 'move' | 'remove'>('none');
  const [search, setSearch] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.timeline.pathKey() });
  const onError = (e: { message: string }) => setNotice(e.message);
  const split = useMutation(trpc.timeline.split.mutationOptions({ onSuccess: () => { setNotice('Moved into its own conversation.'); void refresh(); }, onError }));
  const remove = useMutation(trpc.timeline.remove.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const move = useMutation(trpc.timeline.move.mutationOptions({ onSuccess: () => void refresh(), onError }));
  const contacts = useQuery({ ...trpc.contacts.list.queryOptions({ search: search.trim() || undefined, limit: 8 }), enabled: panel === 'move' });

  return (
    <div className="space-y-2 text-xs">
      <div className="flex flex-wrap gap-1">
        {inThread ? (
          <Button variant="ghost" className="!px-2 !py-1 text-xs" disabled={split.isPending} onClick={() => split.mutate({ engagementId })}>
            Split from conversation
          </Button>
        ) : null}
        <Button variant="ghost" className="!px-2 !py-1 text-xs" aria-expanded={panel === 'move'} onClick={() => setPanel(panel === 'move' ? 'none' : 'move')}>
          Move to another contact
        </Button>
        <Button variant="ghost" className="!px-2 !py-1 text-xs text-red-700" aria-expanded={panel === 'remove'} onClick={() => setPanel(panel === 'remove' ? 'none' : 'remove')}>
          Remove from timeline
        </Button>
      </div>
      {notice ? <p role="status" className="text-slate-600">{notice}</p> : null}
      {panel === 'remove' ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 p-2 text-red-800">
          <span>Remove this email from the timeline? Later syncs will not log it here again.</span>
          <Button variant="danger" className="!px-2 !py-1 text-xs" disabled={remove.isPending} onClick={() => remove.mutate({ engagementId })}>
            Remove
          </Button>
        </div>
      ) : null}
      {panel === 'move' ? (
        <div className="space-y-2 rounded-md bg-slate-50 p-2">
          <label className="sr-only" htmlFor={`move-${engagementId}`}>Find a contact</label>
          <Input id={`move-${engagementId}`} placeholder="Find a contact by name or email" value={search} onChange={(e) => setSearch(e.target.value)} />
          <ul className="space-y-1">
            {(contacts.data?.items ?? []).filter((c) => c.id !== contactId).map((c) => (
              <li key={c.id}>
                <button type="button" className="w-full rounded px-2 py-1 text-left hover:bg-white" disabled={move.isPending} onClick={() => move.mutate({ engagementId, toContactId: c.id })}>
                  {`${c.firstName} ${c.lastName}`.trim() || c.primaryEmail} <span className="text-slate-400">{c.primaryEmail}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
