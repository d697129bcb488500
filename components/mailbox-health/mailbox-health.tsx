'use client';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Badge, Card, EmptyState, ErrorBox, SkeletonRows } from '@/components/ui/states';

const STATUS_TONE = { connecting: 'blue', syncing: 'blue', connected: 'green', degraded: 'amber', disconnected: 'red' } as const;
const REASON_TEXT: Record<string, string> = {
  'not-a-crm-thread': 'Not part of a conversation sent from or logged in the CRM',
  'already-logged': 'Already logged',
  suppressed: 'An address was erased on request',
  'never-log': 'An address is on the never-log list',
  bulk: 'Bulk mail',
  'no-known-contact': 'No contact in the CRM takes part',
};
const reasonText = (r: string) => REASON_TEXT[r] ?? r.replace(/[-_]/g, ' ');

function Stat({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-md border border-slate-200 bg-white px-4 py-3">
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className={`text-2xl font-semibold ${tone ?? 'text-slate-900'}`}>{value.toLocaleString()}</p>
    </div>
  );
}

// Mailbox health (issue 7): status, last sync, counts by outcome and reason, recent problems, re-check.
export function MailboxHealth({ mailboxId }: { mailboxId: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery({ ...trpc.mailboxHealth.get.queryOptions({ mailboxId }), refetchInterval: 10_000 });
  const recheck = useMutation(trpc.mailboxHealth.recheck.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.mailboxHealth.pathKey() }) }));
  if (q.isPending) return <SkeletonRows rows={6} />;
  if (q.isError) return <ErrorBox title="Could not load this mailbox">{q.error.message}</ErrorBox>;
  const h = q.data;
  const RecheckButton = ({ id }: { id: number }) => (
    <Button variant="secondary" className="!px-2 !py-1 text-xs" disabled={recheck.isPending} onClick={() => recheck.mutate({ mailboxId, messageRowId: id })}>
      Check this message again
    </Button>
  );
  return (
    <div className="space-y-6">
      <div>
        <Link href="/settings/email" className="text-sm text-slate-500 hover:text-slate-800">← Connected inboxes</Link>
        <h2 className="mt-2 text-lg font-semibold text-slate-900">{h.emailAddress}</h2>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <Badge tone={STATUS_TONE[h.status]}>{h.status[0]!.toUpperCase() + h.status.slice(1)}</Badge>
          <span>{h.lastSyncedAt ? `Last synced ${h.lastSyncedAt.toLocaleString()}` : 'Not synced yet'}</span>
        </div>
        {h.statusReason ? <p className="mt-2 text-sm text-slate-700">{h.statusReason}</p> : null}
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label="Synced" value={h.counts.synced} />
        <Stat label="Logged" value={h.counts.logged} tone="text-emerald-700" />
        <Stat label="Waiting" value={h.counts.pending} />
        <Stat label="Skipped" value={h.counts.skipped} />
        <Stat label="Quarantined" value={h.counts.quarantined} tone={h.counts.quarantined ? 'text-red-700' : undefined} />
      </div>
      {recheck.isSuccess ? <p role="status" className="text-sm text-emerald-700">The message will be checked again on the next sync.</p> : null}
      {recheck.isError ? <ErrorBox title="Could not re-check">{recheck.error.message}</ErrorBox> : null}
      <Card title="Skipped, by reason">
        {h.skippedByReason.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing skipped.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {h.skippedByReason.map((r) => (
              <li key={r.reason} className="flex justify-between gap-4"><span>{reasonText(r.reason)}</span><span className="font-medium">{r.count.toLocaleString()}</span></li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Quarantined messages">
        {h.quarantined.length === 0 ? (
          <EmptyState title="No quarantined messages">Messages that fail to process three times appear here with the reason.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {h.quarantined.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900">{m.subject || '(no subject)'}</p>
                  <p className="truncate text-xs text-slate-500">{m.fromAddress ?? 'unknown sender'} · {m.reason}</p>
                </div>
                <RecheckButton id={m.id} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Recently skipped">
        {h.skippedRecent.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing skipped recently.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {h.skippedRecent.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <div className="min-w-0">
                  <p className="truncate font-medium text-slate-900">{m.subject || '(no subject)'}</p>
                  <p className="truncate text-xs text-slate-500">{m.fromAddress ?? 'unknown sender'} · {reasonText(m.reason)}</p>
                </div>
                <RecheckButton id={m.id} />
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Recent events">
        {h.events.length === 0 ? (
          <p className="text-sm text-slate-500">No events yet.</p>
        ) : (
          <ol className="space-y-2 text-sm">
            {h.events.map((e) => (
              <li key={e.id} className="flex gap-3">
                <Badge tone={e.level === 'error' ? 'red' : e.level === 'warn' ? 'amber' : 'slate'}>{e.level}</Badge>
                <span className="min-w-0 flex-1 text-slate-700">{e.message}</span>
                <time className="shrink-0 text-xs text-slate-500" dateTime={e.createdAt.toISOString()}>{e.createdAt.toLocaleString()}</time>
              </li>
            ))}
          </ol>
        )}
      </Card>
      {h.folders.length ? (
        <Card title="Folders">
          <ul className="space-y-1 text-sm">
            {h.folders.map((f) => (
              <li key={f.path} className="flex justify-between gap-4">
                <span>{f.path} <span className="text-xs text-slate-400">{f.role}</span></span>
                <span className="text-slate-600">{f.messagesSynced.toLocaleString()} / {f.messagesTotal.toLocaleString()}{f.lastError ? ` · ${f.lastError}` : ''}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </div>
  );
}
