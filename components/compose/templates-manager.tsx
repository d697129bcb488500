'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { Badge, Card, EmptyState, ErrorBox, SkeletonRows } from '@/components/ui/states';
import { mergeFieldNames } from '@/server/domain/send/merge-fields';
import { RichTextEditor } from './rich-text-editor';

// Templates (issue 6): create, edit, delete; share with the organization or keep private.
type Draft = { id?: string; name: string; subject: string; bodyHtml: string; shared: boolean };
const empty: Draft = { name: '', subject: '', bodyHtml: '', shared: false };

export function TemplatesManager() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.templates.list.queryOptions());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [version, setVersion] = useState(0);
  const done = () => {
    setDraft(null);
    void qc.invalidateQueries({ queryKey: trpc.templates.list.queryKey() });
  };
  const create = useMutation(trpc.templates.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.templates.update.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.templates.delete.mutationOptions({ onSuccess: done }));
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const fields = (error?.data as { fields?: Record<string, string> | null } | undefined)?.fields ?? {};
  const edit = (d: Draft) => {
    create.reset();
    update.reset();
    setDraft(d);
    setVersion((v) => v + 1);
  };

  return (
    <Card title="Templates" actions={draft ? null : <Button onClick={() => edit(empty)}>New template</Button>}>
      {draft ? (
        <form
          className="space-y-4"
          aria-label="Template"
          onSubmit={(e) => {
            e.preventDefault();
            const input = { name: draft.name, subject: draft.subject, bodyHtml: draft.bodyHtml, shared: draft.shared };
            if (draft.id) update.mutate({ ...input, id: draft.id });
            else create.mutate(input);
          }}
        >
          <Field label="Name" error={fields.name}>
            {(id, d) => <Input id={id} aria-describedby={d} value={draft.name} invalid={!!fields.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
          </Field>
          <Field label="Subject" error={fields.subject}>
            {(id, d) => <Input id={id} aria-describedby={d} value={draft.subject} invalid={!!fields.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />}
          </Field>
          <Field label="Body" error={fields.bodyHtml} hint={<>Merge fields: {mergeFieldNames.map((f) => `{{${f}}}`).join(', ')}. Fallback: {'{{contact.firstName | "there"}}'}.</>}>
            {(id, d) => <RichTextEditor html={draft.bodyHtml} version={version} onChange={(h) => setDraft((x) => (x ? { ...x, bodyHtml: h } : x))} label="Body" invalid={!!fields.bodyHtml} describedBy={d ?? id} />}
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={draft.shared} onChange={(e) => setDraft({ ...draft, shared: e.target.checked })} className="h-4 w-4 rounded border-slate-300" />
            Share with everyone in the organization
          </label>
          {error && Object.keys(fields).length === 0 ? <ErrorBox title="Not saved">{error.message}</ErrorBox> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={saving}>{saving ? 'Saving…' : 'Save template'}</Button>
            <Button type="button" variant="ghost" onClick={() => setDraft(null)}>Cancel</Button>
          </div>
        </form>
      ) : list.isPending ? (
        <SkeletonRows rows={3} />
      ) : list.isError ? (
        <ErrorBox title="Could not load templates">{list.error.message}</ErrorBox>
      ) : list.data.length === 0 ? (
        <EmptyState title="No templates yet">Templates let you send the same content to different contacts, personalised with merge fields, without replying to old threads.</EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {list.data.map((t) => (
            <li key={t.id} className="flex items-center gap-3 py-3">
              <div className="min-w-0 flex-1">
                <p className="font-medium text-slate-900">{t.name}</p>
                <p className="truncate text-sm text-slate-500">{t.subject}</p>
              </div>
              {t.shared ? <Badge tone="blue">Shared</Badge> : <Badge>Private</Badge>}
              {t.mine ? (
                <>
                  <Button variant="secondary" onClick={() => edit({ id: t.id, name: t.name, subject: t.subject, bodyHtml: t.bodyHtml, shared: t.shared })}>Edit</Button>
                  <Button variant="danger" disabled={remove.isPending} onClick={() => window.confirm(`Delete “${t.name}”?`) && remove.mutate({ id: t.id })}>Delete</Button>
                </>
              ) : (
                <span className="text-xs text-slate-500">Shared by a colleague</span>
              )}
            </li>
          ))}
        </ul>
      )}
      {remove.isError ? <ErrorBox title="Not deleted">{remove.error.message}</ErrorBox> : null}
    </Card>
  );
}
