import { Badge } from '@/components/ui/states';

// How a mailbox's status reads to a person (PRODUCT #5): the word, the kind of trouble, the progress.

export type MailboxStatus = 'connecting' | 'syncing' | 'connected' | 'degraded' | 'disconnected';
export type MailboxKind = 'google' | 'microsoft' | 'imap';

const STATUS: Record<MailboxStatus, { label: string; tone: 'slate' | 'green' | 'amber' | 'red' | 'blue' }> = {
  connecting: { label: 'Connecting', tone: 'blue' },
  syncing: { label: 'Syncing', tone: 'blue' },
  connected: { label: 'Connected', tone: 'green' },
  degraded: { label: 'Having trouble', tone: 'amber' },
  disconnected: { label: 'Disconnected', tone: 'red' },
};

const KIND_LABEL: Record<string, string> = {
  auth: 'sign-in refused',
  tls: 'secure connection',
  host: 'server',
  network: 'network',
  throttled: 'rate limited',
  permanent: 'server error',
};

export const PROVIDER_LABEL: Record<MailboxKind, string> = { google: 'Google', microsoft: 'Microsoft', imap: 'IMAP/SMTP' };

export function StatusBadge({ status, kind }: { status: MailboxStatus; kind: string | null }) {
  const s = STATUS[status];
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge tone={s.tone}>{s.label}</Badge>
      {status === 'degraded' && kind ? <span className="text-xs text-amber-800">({KIND_LABEL[kind] ?? kind})</span> : null}
    </span>
  );
}

export function SyncProgress({ synced, total, status }: { synced: number; total: number; status: MailboxStatus }) {
  if (total <= 0) return <span className="text-xs text-slate-500">{status === 'connecting' ? 'Waiting for the first sync' : '—'}</span>;
  const pct = Math.min(100, Math.floor((synced / total) * 100));
  return (
    <div className="w-36">
      <div className="h-1.5 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label="Sync progress">
        <div className="h-full rounded-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {synced.toLocaleString('en')} of {total.toLocaleString('en')} messages
      </p>
    </div>
  );
}

export function relativeTime(date: Date | null, now = Date.now()): string {
  if (!date) return 'Never';
  const s = Math.round((now - date.getTime()) / 1000);
  if (s < 45) return 'Just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return date.toLocaleDateString('en', { day: 'numeric', month: 'short', year: 'numeric' });
}
