import { formatBytes, PREVIEWABLE } from './format';

type Chip = { id: string; filename: string; mimeType: string; size: number };

// A download link; filenames are text, and the route serves files as attachments with nosniff.
export function AttachmentChip({ a }: { a: Chip }) {
  return (
    <a
      href={`/api/attachments/${a.id}`}
      download
      className="inline-flex max-w-xs items-center gap-2 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs text-slate-700 shadow-sm hover:border-brand-300 hover:bg-brand-50"
      aria-label={`Download ${a.filename} (${formatBytes(a.size)})`}
    >
      {PREVIEWABLE.has(a.mimeType) ? (
        // Same-origin preview of a safe raster type, served inline by the attachment route.
        <img src={`/api/attachments/${a.id}?inline=1`} alt="" className="h-6 w-6 rounded object-cover" />
      ) : (
        <span aria-hidden className="flex h-6 w-6 items-center justify-center rounded bg-slate-100 text-[10px] font-semibold uppercase text-slate-500">
          {(a.filename.split('.').pop() ?? 'file').slice(0, 4)}
        </span>
      )}
      <span className="truncate font-medium">{a.filename}</span>
      <span className="shrink-0 text-slate-400">{formatBytes(a.size)}</span>
    </a>
  );
}
