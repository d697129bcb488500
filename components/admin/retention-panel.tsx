'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Badge, Card, ErrorBox, SkeletonRows } from '@/components/ui/states';
import { EraseAddress } from './erase-address';

const when = (d: Date) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(d);

// Issue 8 "Visibility": the retention windows (PRODUCT #13–#17), when each purge last ran and what it
// removed in this organization, plus the admin's erase-by-address form. Admins only: a rep's FORBIDDEN
// renders nothing, the policy page above already tells reps who manages this.
export function RetentionPanel() {
  const trpc = useTRPC();
  const q = useQuery({ ...trpc.retention.status.queryOptions(), retry: false });
  if (q.isError && q.error.data?.code === 'FORBIDDEN') return null;
  return (
    <div className="mt-6 space-y-6">
      <Card title="Retention and purges" actions={q.data ? <Badge tone="slate">{q.data.pendingDeletedEngagements} deleted emails restorable</Badge> : null}>
        {q.isPending ? (
          <SkeletonRows rows={5} />
        ) : q.isError ? (
          <ErrorBox title="Could not load retention status">{q.error.message}</ErrorBox>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="retention-panel">
              <caption className="sr-only">Retention windows and the last purge of each rule</caption>
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Rule</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Applies to</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Window</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Last purge</th>
                  <th scope="col" className="py-2 text-right font-medium">Removed</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {q.data.rules.map((r) => (
                  <tr key={r.rule} data-rule={r.rule}>
                    <td className="py-2.5 pr-4 align-top"><Badge tone="blue">#{r.rule}</Badge></td>
                    <td className="py-2.5 pr-4 align-top">
                      <p className="font-medium text-slate-900">{r.appliesTo}</p>
                      <p className="text-xs text-slate-500">{r.description}</p>
                    </td>
                    <td className="whitespace-nowrap py-2.5 pr-4 align-top text-slate-700">{r.windowDays == null ? 'Until the account is deleted' : `${r.windowDays} days`}</td>
                    <td className="whitespace-nowrap py-2.5 pr-4 align-top text-slate-700" data-testid={`last-run-${r.rule}`}>
                      {r.windowDays == null ? <span className="text-slate-400">Never purged</span> : r.lastRun ? when(r.lastRun.finishedAt) : <span className="text-slate-400">Not run yet</span>}
                    </td>
                    <td className="py-2.5 text-right align-top tabular-nums text-slate-900" data-testid={`removed-${r.rule}`}>{r.lastRun ? r.lastRun.removed.toLocaleString() : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 text-xs text-slate-500">Purges run every hour. Counts are what the last run removed in your organization.</p>
          </div>
        )}
      </Card>
      <EraseAddress />
    </div>
  );
}
