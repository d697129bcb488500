'use client';
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { Card, ErrorBox, SkeletonRows } from '@/components/ui/states';
import { NeverLogList } from './never-log-list';

function Switch({ id, checked, onChange, disabled }: { id: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean }) {
  return (
    <button
      id={id}
      type="button"
      role="switch"
      aria-checked={checked}
      disabled={disabled}
      onClick={() => onChange(!checked)}
      className={`relative inline-flex h-6 w-11 shrink-0 rounded-full transition-colors focus:outline-none focus:ring-2 focus:ring-brand-500 focus:ring-offset-2 disabled:opacity-60 ${checked ? 'bg-brand-600' : 'bg-slate-300'}`}
    >
      <span className={`inline-block h-5 w-5 translate-y-0.5 rounded-full bg-white shadow transition-transform ${checked ? 'translate-x-5' : 'translate-x-0.5'}`} />
    </button>
  );
}

function Setting({ id, label, hint, value, canEdit, onChange, busy }: { id: string; label: string; hint: string; value: boolean; canEdit: boolean; onChange: (v: boolean) => void; busy: boolean }) {
  return (
    <div className="flex items-start justify-between gap-6">
      <div>
        {canEdit ? <label htmlFor={id} className="text-sm font-medium text-slate-900">{label}</label> : <p className="text-sm font-medium text-slate-900">{label}</p>}
        <p className="text-xs text-slate-500">{hint}</p>
      </div>
      {canEdit ? <Switch id={id} checked={value} onChange={onChange} disabled={busy} /> : <span className="text-sm font-medium text-slate-700" data-testid={`${id}-value`}>{value ? 'On' : 'Off'}</span>}
    </div>
  );
}

// Admin settings (issue 7): admins edit, reps read. The server refuses a rep's change either way.
export function PolicySettings() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const q = useQuery(trpc.policy.get.queryOptions({}));
  const [perDay, setPerDay] = useState('');
  const [perMinute, setPerMinute] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const update = useMutation(trpc.policy.update.mutationOptions({ onSuccess: () => void qc.invalidateQueries({ queryKey: trpc.policy.pathKey() }) }));
  useEffect(() => {
    if (q.data) {
      setPerDay(String(q.data.sendLimitPerDay));
      setPerMinute(String(q.data.sendLimitPerMinute));
    }
  }, [q.data]);

  if (q.isPending) return <SkeletonRows rows={5} />;
  if (q.isError) return <ErrorBox title="Could not load the account policy">{q.error.message}</ErrorBox>;
  const p = q.data;
  const fields = (update.error?.data as { fields?: Record<string, string> | null } | undefined)?.fields ?? {};

  function saveLimits(e: FormEvent) {
    e.preventDefault();
    setSaved(null);
    update.mutate({ sendLimitPerDay: Number(perDay), sendLimitPerMinute: Number(perMinute) }, { onSuccess: () => setSaved('Send limits saved.') });
  }
  function toggle(key: 'attachmentLoggingEnabled' | 'trustHtml', v: boolean) {
    setSaved(null);
    update.mutate({ [key]: v }, { onSuccess: () => setSaved(key === 'attachmentLoggingEnabled' ? `Attachment logging turned ${v ? 'on' : 'off'}. This applies to email logged from now on; attachments already logged stay.` : `Formatted HTML ${v ? 'is now' : 'is no longer'} shown by default.`) });
  }

  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-lg font-semibold text-slate-900">Account policy</h2>
        <p className="text-sm text-slate-600">Policies for {p.organizationName}</p>
        {!p.canEdit ? (
          <p className="mt-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="read-only-note">
            You can view these settings; only your organization&apos;s admins can change them.
          </p>
        ) : null}
      </div>
      <section aria-label="Organization settings" data-testid="org-policy" className="space-y-6">
        <Card title="Logging">
          <div className="space-y-5">
            <Setting id="attachment-logging" label="Log attachments" hint="Store the attachments of logged emails under 50 MB on the contact record. Changes apply to email logged from now on; attachments already logged stay." value={p.attachmentLoggingEnabled} canEdit={p.canEdit} busy={update.isPending} onChange={(v) => toggle('attachmentLoggingEnabled', v)} />
            <Setting id="trust-html" label="Show formatted emails by default" hint="Sanitised HTML in a locked-down frame instead of plain text. Remote images still need a click." value={p.trustHtml} canEdit={p.canEdit} busy={update.isPending} onChange={(v) => toggle('trustHtml', v)} />
            <div>
              <p className="text-sm font-medium text-slate-900">BCC logging address</p>
              <p className="text-xs text-slate-500">BCC or forward an email to this address to log it on the matching contacts.</p>
              <code className="mt-1 inline-block select-all rounded bg-slate-100 px-2 py-1 text-sm text-slate-800" data-testid="bcc-address">{p.bccAddress}</code>
            </div>
          </div>
        </Card>
        <Card title="Send limits">
          {p.canEdit ? (
            <form onSubmit={saveLimits} className="flex flex-wrap items-end gap-4">
              <div className="w-40">
                <Field label="Emails per day" error={fields.sendLimitPerDay}>{(id, d) => <Input id={id} aria-describedby={d} type="number" min={1} value={perDay} onChange={(e) => setPerDay(e.target.value)} />}</Field>
              </div>
              <div className="w-40">
                <Field label="Emails per minute" error={fields.sendLimitPerMinute}>{(id, d) => <Input id={id} aria-describedby={d} type="number" min={1} value={perMinute} onChange={(e) => setPerMinute(e.target.value)} />}</Field>
              </div>
              <Button type="submit" disabled={update.isPending}>Save limits</Button>
            </form>
          ) : (
            <p className="text-sm text-slate-700">{p.sendLimitPerDay} emails per day, {p.sendLimitPerMinute} per minute, per mailbox.</p>
          )}
        </Card>
        {saved ? <p role="status" className="text-sm text-emerald-700">{saved}</p> : null}
        {update.isError && !Object.keys(fields).length ? <ErrorBox title="Could not save">{update.error.message}</ErrorBox> : null}
        <Card title="Never log (organization)">
          <p className="mb-3 text-xs text-slate-500">Email to or from these addresses or domains (subdomains included) is never logged. Adding a rule also hides matching emails already logged; removing it brings them back.</p>
          <NeverLogList scope="organization" rules={p.rules.filter((r) => r.scope === 'organization')} canEdit={p.canEdit} />
        </Card>
        <Card title="Retention">
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr><th scope="col" className="py-1 pr-4">What</th><th scope="col" className="py-1 pr-4">Kept</th><th scope="col" className="py-1">Rule</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {p.retention.map((r) => (
                <tr key={r.rule}>
                  <td className="py-2 pr-4 text-slate-900">{r.appliesTo}</td>
                  <td className="py-2 pr-4 text-slate-600">{r.description}</td>
                  <td className="py-2 text-xs text-slate-500">#{r.rule}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </section>
      <Card title="Your personal never-log list">
        <p className="mb-3 text-xs text-slate-500">Applies to your own mailbox and the emails you send. Everyone can keep one.</p>
        <NeverLogList scope="personal" rules={p.rules.filter((r) => r.scope === 'personal')} canEdit />
      </Card>
    </div>
  );
}
