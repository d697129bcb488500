'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MailboxListItem } from '@/db/queries/mailboxes';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { PROVIDER_LABEL, StatusBadge, SyncProgress, relativeTime } from './mailbox-status';

// Settings → Email list (issue 4): address, provider, status, last successful sync, progress. Owners
// get actions; admins see everyone's status (never settings or secrets).

export type MailboxItem = MailboxListItem;

function RowActions({ mailbox, onReconnect, onMessage }: { mailbox: MailboxItem; onReconnect: (m: MailboxItem) => void; onMessage: (m: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.mailboxes.list.queryKey() });
  const check = useMutation(
    trpc.mailboxes.checkNow.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        // A disconnect shows as the banner above the list; no second message for it.
        if (r.status === 'disconnected') return;
        onMessage(r.status === 'degraded' ? `${mailbox.emailAddress} has a problem: ${r.statusReason ?? ''}` : `${mailbox.emailAddress}: the connection works.`);
      },
      onError: (e) => onMessage(e.message),
    }),
  );
  const remove = useMutation(
    trpc.mailboxes.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onMessage(`${mailbox.emailAddress} was removed. Emails already logged stay on contact timelines.`);
      },
      onError: (e) => onMessage(e.message),
    }),
  );
  if (!mailbox.isMine) return <span className="whitespace-nowrap text-xs text-slate-500">Owned by {mailbox.ownerName ?? 'a teammate'}</span>;
  if (confirming) {
    return (
      <div className="flex flex-wrap items-center justify-end gap-2">
        <span className="text-xs text-slate-600">Stop syncing and delete the stored sign-in?</span>
        <Button variant="danger" className="px-2.5 py-1 text-xs" onClick={() => remove.mutate({ mailboxId: mailbox.id })} disabled={remove.isPending}>
          {remove.isPending ? 'Removing…' : 'Remove'}
        </Button>
        <Button variant="ghost" className="px-2.5 py-1 text-xs" onClick={() => setConfirming(false)}>
          Keep
        </Button>
      </div>
    );
  }
  return (
    <div className="flex flex-col items-end gap-1 whitespace-nowrap">
      {mailbox.status === 'disconnected' ? (
        <Button className="px-2.5 py-1 text-xs" onClick={() => onReconnect(mailbox)}>
          Reconnect
        </Button>
      ) : (
        <Button variant="secondary" className="px-2.5 py-1 text-xs" onClick={() => check.mutate({ mailboxId: mailbox.id })} disabled={check.isPending}>
          {check.isPending ? 'Checking…' : 'Check connection now'}
        </Button>
      )}
      <Button variant="ghost" className="px-2.5 py-1 text-xs" onClick={() => setConfirming(true)} aria-label={`Remove ${mailbox.emailAddress}`}>
        Remove
      </Button>
    </div>
  );
}

export function MailboxList(props: { mailboxes: MailboxItem[]; onReconnect: (m: MailboxItem) => void; onMessage: (m: string) => void }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-100 text-sm">
        <thead className="text-left text-xs font-medium uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">Mailbox</th>
            <th scope="col" className="py-2 pr-4">Status</th>
            <th scope="col" className="py-2 pr-4">Last sync</th>
            <th scope="col" className="py-2 pr-4">Progress</th>
            <th scope="col" className="py-2 text-right">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {props.mailboxes.map((m) => (
            <tr key={m.id} data-testid="mailbox-row" data-status={m.status} className="align-top">
              <td className="py-3 pr-4">
                <p className="font-medium text-slate-900">{m.emailAddress}</p>
                <p className="text-xs text-slate-500">
                  {PROVIDER_LABEL[m.kind]} ·{' '}
                  <Link href={`/settings/mailboxes/${m.id}`} className="font-medium text-brand-700 hover:underline">
                    Sync health
                  </Link>
                </p>
              </td>
              <td className="py-3 pr-4">
                <StatusBadge status={m.status} kind={m.statusKind} />
                {m.statusReason && m.status !== 'connected' ? <p className="mt-1 max-w-xs text-xs text-slate-600">{m.statusReason}</p> : null}
              </td>
              <td className="whitespace-nowrap py-3 pr-4 text-slate-600">{relativeTime(m.lastSyncedAt)}</td>
              <td className="py-3 pr-4">
                <SyncProgress synced={m.messagesSynced} total={m.messagesTotal} status={m.status} />
              </td>
              <td className="py-3 text-right">
                <RowActions mailbox={m} onReconnect={props.onReconnect} onMessage={props.onMessage} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
