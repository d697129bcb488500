'use client';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { ErrorBox, Spinner } from '@/components/ui/states';

// Template picker with a preview merged for this contact (issue 6); "Use" puts the merged text in the draft.
export function TemplatePicker({ contactId, to, senderEmail, onUse }: { contactId: string; to: string; senderEmail: string | null; onUse: (t: { subject: string; bodyHtml: string }) => void }) {
  const trpc = useTRPC();
  const [id, setId] = useState('');
  const list = useQuery(trpc.templates.list.queryOptions());
  const preview = useQuery({ ...trpc.templates.render.queryOptions({ id, contactId, to: to || null, senderEmail }), enabled: Boolean(id) });
  if (list.isPending) return <Spinner label="Loading templates" />;
  if (list.isError) return <ErrorBox title="Could not load templates">{list.error.message}</ErrorBox>;
  const templates = list.data;
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-3">
        <label htmlFor="compose-template" className="text-sm font-medium text-slate-700">
          Template
        </label>
        <select id="compose-template" value={id} onChange={(e) => setId(e.target.value)} className="rounded-md border-0 bg-white px-3 py-1.5 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
          <option value="">{templates.length ? 'Choose a template…' : 'No templates yet'}</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
              {t.shared ? ' (shared)' : ''}
            </option>
          ))}
        </select>
        <a href="/settings/templates" className="text-xs text-brand-700 hover:underline">
          Manage templates
        </a>
      </div>
      {id ? (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3" aria-label="Template preview">
          {preview.isPending ? (
            <Spinner label="Preparing preview" />
          ) : preview.isError ? (
            <ErrorBox title="This template cannot be used">{preview.error.message}</ErrorBox>
          ) : (
            <>
              <p className="text-xs uppercase tracking-wide text-slate-500">Preview for this contact</p>
              <p className="mt-1 text-sm font-medium text-slate-900" data-testid="template-preview-subject">{preview.data.subject}</p>
              <div className="prose-sm mt-1 text-sm text-slate-700 [&_a]:underline [&_ul]:list-disc [&_ul]:pl-5" dangerouslySetInnerHTML={{ __html: preview.data.bodyHtml }} />
              {preview.data.missing.length ? <p className="mt-1 text-xs text-amber-800">No value for {preview.data.missing.map((f) => `{{${f}}}`).join(', ')}: left empty.</p> : null}
              <div className="mt-2 flex gap-2">
                <Button type="button" variant="secondary" onClick={() => {
                    onUse(preview.data);
                    setId('');
                  }}>
                  Use this template
                </Button>
                <Button type="button" variant="ghost" onClick={() => setId('')}>
                  Cancel
                </Button>
              </div>
            </>
          )}
        </div>
      ) : null}
    </div>
  );
}
