'use client';
import { useEffect, useRef } from 'react';

// A small rich-text editor (issue 6): contentEditable with bold, italic, link and lists. The server
// cleans the HTML and derives the plain-text part from it, so the browser's markup quirks do not matter.

type Props = { html: string; version: number; onChange: (html: string) => void; label: string; invalid?: boolean; describedBy?: string };

const tools: Array<{ cmd: string; label: string; text: string; className?: string }> = [
  { cmd: 'bold', label: 'Bold', text: 'B', className: 'font-bold' },
  { cmd: 'italic', label: 'Italic', text: 'I', className: 'italic' },
  { cmd: 'insertUnorderedList', label: 'Bulleted list', text: '• List' },
  { cmd: 'insertOrderedList', label: 'Numbered list', text: '1. List' },
];

export function RichTextEditor({ html, version, onChange, label, invalid, describedBy }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Content set from outside (template, reply quote, reset) replaces the editor's DOM; typing does not.
  useEffect(() => {
    if (ref.current) ref.current.innerHTML = html;
  }, [version]);

  const run = (cmd: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(cmd, false, value);
    onChange(ref.current?.innerHTML ?? '');
  };
  const link = () => {
    const url = window.prompt('Link address (https://…)');
    if (!url) return;
    if (!/^(https?:\/\/|mailto:)/i.test(url)) return window.alert('Links must start with https://, http:// or mailto:');
    run('createLink', url);
  };

  return (
    <div className={`overflow-hidden rounded-md bg-white shadow-sm ring-1 ring-inset focus-within:ring-2 focus-within:ring-brand-500 ${invalid ? 'ring-red-400' : 'ring-slate-300'}`}>
      <div role="toolbar" aria-label="Formatting" className="flex gap-1 border-b border-slate-200 bg-slate-50 px-2 py-1">
        {tools.map((t) => (
          <button key={t.cmd} type="button" aria-label={t.label} title={t.label} onMouseDown={(e) => e.preventDefault()} onClick={() => run(t.cmd)} className={`rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-200 ${t.className ?? ''}`}>
            {t.text}
          </button>
        ))}
        <button type="button" aria-label="Link" title="Link" onMouseDown={(e) => e.preventDefault()} onClick={link} className="rounded px-2 py-1 text-xs text-slate-700 underline hover:bg-slate-200">
          Link
        </button>
      </div>
      <div
        ref={ref}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        contentEditable
        suppressContentEditableWarning
        onInput={(e) => onChange((e.target as HTMLDivElement).innerHTML)}
        className="prose-sm min-h-40 max-h-96 overflow-y-auto px-3 py-2 text-sm text-slate-900 outline-none [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-2 [&_blockquote]:border-slate-300 [&_blockquote]:pl-3 [&_blockquote]:text-slate-500 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
      />
    </div>
  );
}
