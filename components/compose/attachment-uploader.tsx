'use client';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';

// Attachments (issue 6): each file streams to /api/uploads with progress; the total limit is always shown.

export type Upload = { key: string; filename: string; size: number; progress: number; id?: string; error?: string };

export const formatBytes = (n: number) => (n === 0 ? '0 KB' : n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function send(file: File, onProgress: (p: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('X-Mailroom-Upload', '1');
    xhr.setRequestHeader('X-Filename', encodeURIComponent(file.name));
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { id?: string; error?: string } = {};
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {}
      if (xhr.status === 201 && body.id) resolve({ id: body.id });
      else reject(new Error(body.error ?? `Upload failed (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    xhr.send(file);
  });
}

export function AttachmentUploader({ uploads, setUploads, maxBytes }: { uploads: Upload[]; setUploads: (f: (u: Upload[]) => Upload[]) => void; maxBytes: number }) {
  const input = useRef<HTMLInputElement>(null);
  const total = uploads.filter((u) => !u.error).reduce((n, u) => n + u.size, 0);
  const over = total > maxBytes;

  const add = (files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      const tooBig = file.size > maxBytes;
      setUploads((u) => [...u, { key, filename: file.name, size: file.size, progress: 0, ...(tooBig ? { error: `Larger than ${formatBytes(maxBytes)}: not attached.` } : {}) }]);
      if (tooBig) continue;
      send(file, (p) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, progress: p } : x))))
        .then(({ id }) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, id, progress: 1 } : x))))
        .catch((err: Error) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, error: err.message } : x))));
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <input ref={input} id="compose-files" type="file" multiple className="sr-only" onChange={(e) => add(e.target.files)} aria-label="Attach files" />
        <Button type="button" variant="secondary" onClick={() => input.current?.click()}>
          Attach files
        </Button>
        <span className={`text-xs ${over ? 'font-medium text-red-700' : 'text-slate-500'}`} data-testid="attachment-total">
          {formatBytes(total)} of {formatBytes(maxBytes)} per email
        </span>
      </div>
      {uploads.length > 0 ? (
        <ul className="space-y-1" aria-label="Attachments">
          {uploads.map((u) => (
            <li key={u.key} className="flex items-center gap-3 rounded-md bg-slate-50 px-3 py-1.5 text-sm">
              <span className="min-w-0 flex-1 truncate text-slate-800">{u.filename}</span>
              <span className="text-xs text-slate-500">{formatBytes(u.size)}</span>
              {u.error ? (
                <span role="alert" className="text-xs text-red-700">{u.error}</span>
              ) : u.id ? (
                <span className="text-xs text-emerald-700">Attached</span>
              ) : (
                <progress className="h-1.5 w-24" max={1} value={u.progress} aria-label={`Uploading ${u.filename}`} />
              )}
              <button type="button" className="text-xs text-slate-500 hover:text-red-700" aria-label={`Remove ${u.filename}`} onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
