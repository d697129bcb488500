import { Badge } from '@/components/ui/states';

type Entry = { status: 'queued' | 'sending' | 'sent' | 'failed' | 'logged'; classification: 'normal' | 'auto_reply' | 'bounce' | 'bulk'; direction: 'inbound' | 'outbound' };

// Status badges (issue 7): queued, sending, sent, failed from the outbox; auto-reply, bounced, bulk from the sync.
export function StatusBadges({ e }: { e: Entry }) {
  return (
    <span className="flex flex-wrap items-center gap-1">
      {e.status === 'queued' ? <Badge tone="amber">Queued</Badge> : null}
      {e.status === 'sending' ? <Badge tone="blue">Sending</Badge> : null}
      {e.status === 'sent' ? <Badge tone="green">Sent</Badge> : null}
      {e.status === 'failed' ? <Badge tone="red">Failed</Badge> : null}
      {e.classification === 'auto_reply' ? <Badge tone="slate">Auto-reply</Badge> : null}
      {e.classification === 'bounce' ? <Badge tone="red">Bounced</Badge> : null}
      {e.classification === 'bulk' ? <Badge tone="slate">Bulk</Badge> : null}
    </span>
  );
}
