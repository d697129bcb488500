'use client';
import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';

// PRODUCT #14/#15: delete a timeline email (the server hides it at once; purged for good after 90 days)
// with an Undo that restores it. Mount it next to a timeline entry: <EngagementDeleteButton engagementId={id} />.
// `onDeleted` lets the entry collapse right away; the timeline is refetched after a short undo window,
// which removes the entry for good.
export function EngagementDeleteButton({ engagementId, onDeleted }: { engagementId: string; onDeleted?: () => void }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [state, setState] = useState<'idle' | 'confirm' | 'deleted'>('idle');
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.timeline.pathKey() });
  const del = useMutation(trpc.retention.deleteEngagement.mutationOptions({ onSuccess: () => { setState('deleted'); onDeleted?.(); }, onError: (e) => setError(e.message) }));
  const restore = useMutation(trpc.retention.restoreEngagement.mutationOptions({ onSuccess: () => { setState('idle'); void refresh(); }, onError: (e) => setError(e.message) }));

  useEffect(() => {
    if (state !== 'deleted') return;
    const t = setTimeout(() => void refresh(), 8000);
    return () => clearTimeout(t);
  }, [state]);

  if (state === 'deleted') {
    return (
      <p role="status" className="flex items-center gap-2 text-xs text-slate-600">
        Email deleted. It can be restored for 90 days.
        <Button variant="ghost" className="!px-2 !py-1 text-xs" disabled={restore.isPending} onClick={() => restore.mutate({ id: engagementId })}>Undo</Button>
        {error ? <span className="text-red-700">{error}</span> : null}
      </p>
    );
  }
  return (
    <div className="text-xs">
      {state === 'confirm' ? (
        <div className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 p-2 text-red-800">
          <span>Delete this email? It leaves the timeline now and is erased for good after 90 days.</span>
          <Button variant="danger" className="!px-2 !py-1 text-xs" disabled={del.isPending} onClick={() => del.mutate({ id: engagementId })}>Delete</Button>
          <Button variant="ghost" className="!px-2 !py-1 text-xs" onClick={() => setState('idle')}>Cancel</Button>
        </div>
      ) : (
        <Button variant="ghost" className="!px-2 !py-1 text-xs text-red-700" onClick={() => { setError(null); setState('confirm'); }}>Delete email</Button>
      )}
      {error ? <p role="alert" className="mt-1 text-red-700">{error}</p> : null}
    </div>
  );
}
