'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Card, ErrorBox, Spinner } from '@/components/ui/states';

// The organization's BCC/forward logging address and its rules (issue 6).
export function LoggingAddressCard() {
  const trpc = useTRPC();
  const q = useQuery(trpc.compose.loggingAddress.queryOptions());
  return (
    <Card title="BCC logging address">
      {q.isPending ? (
        <Spinner />
      ) : q.isError ? (
        <ErrorBox>{q.error.message}</ErrorBox>
      ) : (
        <div className="space-y-2 text-sm text-slate-700">
          <p>
            BCC or forward an email to <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-900" data-testid="logging-address">{q.data.address}</code> to log it on the timeline of every contact in it. Replies to it are logged too.
          </p>
          <ul className="list-disc space-y-1 pl-5 text-slate-600">
            <li>Only members of your organization can log emails this way (the sender must be your sign-in address or a connected inbox).</li>
            <li>Emails over {Math.round(q.data.maxBytes / 1024 / 1024)} MB are not logged; the sender gets a bounce explaining why.</li>
          </ul>
        </div>
      )}
    </Card>
  );
}
