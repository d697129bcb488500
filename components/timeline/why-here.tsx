'use client';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { ErrorBox, Spinner } from '@/components/ui/states';

// "Why is this here?" (issue 7): loaded only when opened.
export function WhyHere({ engagementId }: { engagementId: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const why = useQuery({ ...trpc.timeline.why.queryOptions({ engagementId }), enabled: open });
  return (
    <div className="text-xs">
      <button type="button" className="font-medium text-slate-500 underline-offset-2 hover:text-slate-800 hover:underline" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        Why is this here?
      </button>
      {open ? (
        <div className="mt-2 rounded-md bg-slate-50 p-3 text-slate-700" data-testid="why-here">
          {why.isPending ? (
            <Spinner label="Looking it up" />
          ) : why.isError ? (
            <ErrorBox>{why.error.message}</ErrorBox>
          ) : (
            <>
              <p className="text-sm">{why.data.summary}</p>
              {why.data.details.length ? (
                <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1">
                  {why.data.details.map((d) => (
                    <div key={d.label} className="contents">
                      <dt className="text-slate-500">{d.label}</dt>
                      <dd className="break-all font-mono text-[11px] text-slate-800">{d.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
