'use client';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Card, EmptyState, ErrorBox, SkeletonRows } from '@/components/ui/states';
import { ImapForm, type ImapFormMode } from './imap-form';
import { MailboxList, type MailboxItem } from './mailbox-list';
import { OAuthButton } from './oauth-button';
import type { OAuthResultCookie } from './oauth-result';

// Settings → Email (issue 4): banners for disconnected mailboxes, the list, and three ways to connect.

type Providers = Array<{ provider: 'google' | 'microsoft'; configured: boolean; help: string | null }>;

export function EmailSettings(props: { oauthResult: OAuthResultCookie | null; extraAllowedPorts: number[]; allowInsecure: boolean; isAdmin: boolean; providers: Providers }) {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.mailboxes.list.queryOptions(),
    // Status and progress move while the worker syncs.
    refetchInterval: (q) => (q.state.data?.some((m) => m.status === 'connecting' || m.status === 'syncing') ? 3_000 : 15_000),
  });
  const [form, setForm] = useState<ImapFormMode | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; message: string } | null>(props.oauthResult);
  const [reconnectOAuth, setReconnectOAuth] = useState<MailboxItem | null>(null);
  const mine = (list.data ?? []).filter((m) => m.isMine);
  const disconnected = mine.filter((m) => m.status === 'disconnected');
  const provider = (p: 'google' | 'microsoft') => props.providers.find((x) => x.provider === p) ?? { provider: p, configured: false, help: null };

  const startReconnect = (m: MailboxItem) => {
    setNotice(null);
    if (m.kind === 'imap' && m.settings) {
      setReconnectOAuth(null);
      setForm({ kind: 'reconnect', mailboxId: m.id, email: m.emailAddress, settings: m.settings });
    } else {
      setForm(null);
      setReconnectOAuth(m);
    }
  };

  return (
    <div className="space-y-6">
      {notice ? (
        <div role="status" className={`flex items-start justify-between gap-4 rounded-md border px-4 py-3 text-sm ${notice.ok ? 'border-emerald-200 bg-emerald-50 text-emerald-900' : 'border-red-200 bg-red-50 text-red-800'}`}>
          <p>{notice.message}</p>
          <button type="button" className="text-xs underline" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}

      {disconnected.map((m) => (
        <div key={m.id} role="alert" data-testid="disconnected-banner" className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3">
          <div className="text-sm text-red-900">
            <p className="font-semibold">{m.emailAddress} is disconnected</p>
            <p className="mt-0.5">{m.statusReason ?? 'The provider no longer accepts the stored sign-in.'} Email is not synced or sent until you reconnect.</p>
          </div>
          <Button onClick={() => startReconnect(m)}>Reconnect</Button>
        </div>
      ))}

      {reconnectOAuth ? (
        <Card title={`Reconnect ${reconnectOAuth.emailAddress}`} actions={<Button variant="ghost" onClick={() => setReconnectOAuth(null)}>Cancel</Button>}>
          <p className="mb-3 text-sm text-slate-600">Sign in again as {reconnectOAuth.emailAddress}. History and sync progress are kept.</p>
          <div className="max-w-xs">
            <OAuthButton
              {...provider(reconnectOAuth.kind === 'microsoft' ? 'microsoft' : 'google')}
              reconnectMailboxId={reconnectOAuth.id}
              label={`Reconnect with ${reconnectOAuth.kind === 'microsoft' ? 'Microsoft' : 'Google'}`}
            />
          </div>
        </Card>
      ) : null}

      <Card title={props.isAdmin ? 'Mailboxes in your organization' : 'Your connected mailboxes'}>
        {list.isPending ? (
          <SkeletonRows rows={2} />
        ) : list.isError ? (
          <ErrorBox title="Could not load mailboxes">{list.error.message}</ErrorBox>
        ) : list.data.length === 0 ? (
          <EmptyState title="No mailbox connected">Connect your mailbox to send email from the CRM and log replies on contact timelines.</EmptyState>
        ) : (
          <MailboxList mailboxes={list.data} onReconnect={startReconnect} onMessage={(message) => setNotice({ ok: !/disconnected|problem|not|fail/i.test(message), message })} />
        )}
      </Card>

      {form ? (
        <Card title={form.kind === 'reconnect' ? `Reconnect ${form.email}` : 'Connect with IMAP and SMTP'}>
          <ImapForm
            key={form.kind === 'reconnect' ? form.mailboxId : 'new'}
            mode={form}
            extraAllowedPorts={props.extraAllowedPorts}
            allowInsecure={props.allowInsecure}
            onCancel={() => setForm(null)}
            onDone={(message) => {
              setForm(null);
              setNotice({ ok: true, message });
            }}
          />
        </Card>
      ) : (
        <Card title="Connect a mailbox">
          <p className="mb-4 text-sm text-slate-600">A connected mailbox lets you send email from the CRM and logs replies on contact timelines automatically.</p>
          <div className="grid gap-3 sm:grid-cols-3">
            <OAuthButton {...provider('google')} />
            <OAuthButton {...provider('microsoft')} />
            <div>
              <Button type="button" variant="secondary" className="w-full justify-start" onClick={() => setForm({ kind: 'new' })}>
                <span aria-hidden className="text-slate-500">✉</span>
                Other (IMAP/SMTP)
              </Button>
            </div>
          </div>
          <p className="mt-4 text-xs text-slate-500">POP3 isn’t supported: it removes mail from the server, so the CRM couldn’t keep seeing your mailbox.</p>
        </Card>
      )}
    </div>
  );
}
