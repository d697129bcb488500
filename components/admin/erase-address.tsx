'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { Card, ErrorBox } from '@/components/ui/states';

const labels: Record<string, string> = {
  engagements: 'Timeline emails',
  attachments: 'Attachments',
  blobs: 'Stored files',
  messages: 'Synced messages',
  messageReferences: 'Message references',
  outbox: 'Outgoing emails',
  contactEmails: 'Contact addresses',
  neverLogRules: 'Never-log entries',
  mailboxEvents: 'Sync events',
  notifications: 'Notifications',
  queueJobs: 'Queued jobs',
};

// Issue 8 "Erase by address" (GDPR): type the address, confirm, see what was removed.
export function EraseAddress() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [address, setAddress] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const erase = useMutation(trpc.retention.eraseAddress.mutationOptions({ onSuccess: () => void qc.invalidateQueries() }));
  const fields = (erase.error?.data as { fields?: Record<string, string> | null; zod?: { path: string; message: string }[] | null } | undefined) ?? {};
  const fieldError = fields.fields?.address ?? (fields.zod?.length ? 'Enter a valid email address.' : null);

  function ask(e: FormEvent) {
    e.preventDefault();
    erase.reset();
    if (address.trim()) setConfirming(address.trim());
  }

  return (
    <Card title="Erase an email address">
      <p className="mb-4 text-sm text-slate-600">
        Removes every email, synced message, attachment, outgoing email and contact address involving this address, then blocks it so future syncs neither store nor log it. This cannot be undone.
      </p>
      <form onSubmit={ask} className="flex flex-wrap items-end gap-3">
        <div className="w-full max-w-sm">
          <Field label="Email address to erase" error={fieldError}>
            {(id, d) => <Input id={id} aria-describedby={d} type="email" required autoComplete="off" value={address} invalid={!!fieldError} onChange={(e) => { setAddress(e.target.value); setConfirming(null); }} placeholder="name@example.com" />}
          </Field>
        </div>
        <Button type="submit" variant="danger" disabled={erase.isPending || !address.trim()}>Erase…</Button>
      </form>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="erase-confirm-title" className="mt-4 rounded-md border border-red-200 bg-red-50 p-4">
          <p id="erase-confirm-title" className="text-sm font-medium text-red-900">Erase everything about {confirming}?</p>
          <p className="mt-1 text-sm text-red-800">Emails on every contact&apos;s timeline that involve this address are deleted for good.</p>
          <div className="mt-3 flex gap-2">
            <Button variant="danger" disabled={erase.isPending} onClick={() => erase.mutate({ address: confirming }, { onSettled: () => setConfirming(null) })}>
              {erase.isPending ? 'Erasing…' : 'Yes, erase'}
            </Button>
            <Button variant="secondary" disabled={erase.isPending} onClick={() => setConfirming(null)}>Cancel</Button>
          </div>
        </div>
      ) : null}
      {erase.isError && !fieldError ? <div className="mt-4"><ErrorBox title="Could not erase">{erase.error.message}</ErrorBox></div> : null}
      {erase.data ? (
        <div className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-4" role="status" data-testid="erase-report">
          <p className="text-sm font-medium text-emerald-900">
            Erased. {erase.data.newlySuppressed ? 'The address is now blocked from future syncs.' : 'The address was already blocked from future syncs.'}
          </p>
          <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
            {Object.entries(labels).map(([k, label]) => (
              <div key={k} className="flex justify-between gap-2">
                <dt className="text-emerald-800">{label}</dt>
                <dd className="tabular-nums font-medium text-emerald-950">{(erase.data as unknown as Record<string, number>)[k]}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </Card>
  );
}
