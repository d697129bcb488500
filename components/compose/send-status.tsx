'use client';
import { useEffect, useRef } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/states';

// Queued → sent / failed feedback for emails sent from this composer (issue 6), polled until final.
export function SendStatus({ engagementIds }: { engagementIds: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const latest = engagementIds.slice(0, 5);
  const q = useQuery({
    ...trpc.compose.status.queryOptions({ engagementIds: latest }),
    enabled: latest.length > 0,
    refetchInterval: (query) => (query.state.data?.every((s) => s.status === 'sent' || s.status === 'failed') ? false : 1500),
  });
  const retry = useMutation(trpc.compose.retry.mutationOptions({ onSuccess: () => void q.refetch() }));
  const first = q.data?.find((s) => s.engagementId === latest[0]);
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    // The timeline shows the same engagement: refresh it whenever the status moves.
    if (first && last.current !== first.status) {
      last.current = first.status;
      void queryClient.invalidateQueries();
    }
  }, [first, queryClient]);
  if (!first) return null;
  return (
    <span role="status" aria-live="polite" className="inline-flex flex-wrap items-center gap-2 text-sm" data-testid="send-status">
      {first.status === 'sent' ? (
        <Badge tone="green">Sent</Badge>
      ) : first.status === 'failed' ? (
        <>
          <Badge tone="red">Failed</Badge>
          <span className="text-red-700">{first.failureReason}</span>
          <Button type="button" variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ engagementId: first.engagementId })}>
            Retry
          </Button>
          {retry.isError ? <span className="text-red-700">{retry.error.message}</span> : null}
        </>
      ) : (
        <>
          <Badge tone="amber">{first.status === 'sending' ? 'Sending…' : 'Queued'}</Badge>
          {first.lastError ? <span className="text-xs text-slate-500">{first.lastError}</span> : null}
        </>
      )}
    </span>
  );
}
