'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';

type Rule = { id: string; kind: 'address' | 'domain'; value: string };

// Never-log rules (issue 7): addresses or whole domains, subdomains included; past mail is hidden too.
export function NeverLogList({ scope, rules, canEdit }: { scope: 'organization' | 'personal'; rules: Rule[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [kind, setKind] = useState<'address' | 'domain'>('domain');
  const [value, setValue] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.policy.pathKey() });
  const add = useMutation(
    trpc.policy.addRule.mutationOptions({
      onSuccess: (r) => {
        setValue('');
        setNotice(`${r.value} added. ${r.hiddenNow === 1 ? '1 logged email is' : `${r.hiddenNow} logged emails are`} now hidden from timelines; remove the rule to bring them back.`);
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.policy.removeRule.mutationOptions({ onSuccess: () => { setNotice('Rule removed. Emails it hid are back on their timelines.'); void refresh(); } }));
  const fieldError = (add.error?.data as { fields?: Record<string, string> | null } | undefined)?.fields?.value ?? (add.isError ? add.error.message : null);
  const id = `never-log-${scope}`;

  function submit(e: FormEvent) {
    e.preventDefault();
    setNotice(null);
    add.mutate({ scope, kind, value });
  }

  return (
    <div className="space-y-3">
      {rules.length === 0 ? (
        <p className="text-sm text-slate-500">No {scope === 'personal' ? 'personal ' : ''}rules yet: email with any address can be logged.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200" aria-label={scope === 'personal' ? 'Your never-log rules' : 'Organization never-log rules'}>
          {rules.map((r) => (
            <li key={r.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
              <span>
                <span className="font-medium text-slate-900">{r.value}</span>{' '}
                <span className="text-xs text-slate-500">{r.kind === 'domain' ? 'domain and its subdomains' : 'address'}</span>
              </span>
              {canEdit ? (
                <Button variant="ghost" className="!px-2 !py-1 text-xs" aria-label={`Remove ${r.value}`} disabled={remove.isPending} onClick={() => remove.mutate({ ruleId: r.id })}>
                  Remove
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={`${id}-kind`} className="block text-sm font-medium text-slate-700">Type</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as 'address' | 'domain')} className="mt-1 rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300">
              <option value="domain">Domain</option>
              <option value="address">Address</option>
            </select>
          </div>
          <div className="min-w-56 flex-1">
            <Field label={kind === 'domain' ? 'Domain to never log' : 'Address to never log'} error={fieldError}>
              {(fid, describedBy) => (
                <Input id={fid} aria-describedby={describedBy} invalid={!!fieldError} value={value} onChange={(e) => setValue(e.target.value)} placeholder={kind === 'domain' ? 'example.com' : 'name@example.com'} />
              )}
            </Field>
          </div>
          <Button type="submit" disabled={add.isPending || !value.trim()}>Add rule</Button>
        </form>
      ) : null}
      {notice ? <p role="status" className="text-sm text-emerald-700">{notice}</p> : null}
    </div>
  );
}
