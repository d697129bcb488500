'use client';
import { useState } from 'react';
import Link from 'next/link';
import type { RouterOutputs } from '@/server/api/types';
import { AttachmentChip } from './attachment-chip';
import { EmailBody } from './email-body';
import { formatWhen, personLabel } from './format';
import { MessageActions } from './message-actions';
import { StatusBadges } from './status-badges';
import { WhyHere } from './why-here';

export type Entry = RouterOutputs['timeline']['list']['items'][number];

// One email on the timeline. Every header field is React text: names and subjects can never be markup.
export function MessageItem({ e, contactId, defaultOpen = false, inThread }: { e: Entry; contactId: string; defaultOpen?: boolean; inThread: boolean }) {
  const [open, setOpen] = useState(defaultOpen);
  const files = e.attachments.filter((a) => !a.isInline);
  const from = e.fromName || e.fromAddress;
  return (
    <article className="px-4 py-3" aria-label={`${e.direction === 'inbound' ? 'Received' : 'Sent'} email: ${e.subject || '(no subject)'}`} data-testid="timeline-message">
      <button type="button" className="flex w-full items-start gap-3 text-left" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <span
          aria-hidden
          className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm ${e.direction === 'inbound' ? 'bg-emerald-50 text-emerald-700' : 'bg-brand-50 text-brand-700'}`}
        >
          {e.direction === 'inbound' ? '↙' : '↗'}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="sr-only">{e.direction === 'inbound' ? 'Received from' : 'Sent by'}</span>
            <span className="truncate text-sm font-medium text-slate-900">{from}</span>
            <StatusBadges e={e} />
            {files.length ? <span className="text-xs text-slate-500">📎 {files.length}</span> : null}
            <time className="ml-auto shrink-0 text-xs text-slate-500" dateTime={e.occurredAt.toISOString()} title={e.occurredAt.toLocaleString()}>
              {formatWhen(e.occurredAt)}
            </time>
          </span>
          {!open ? <span className="mt-0.5 block truncate text-sm text-slate-500">{e.bodyRemovedReason ? 'Email content removed.' : e.snippet || '(no text)'}</span> : null}
        </span>
      </button>
      {open ? (
        <div className="mt-3 space-y-3 pl-10">
          <dl className="grid grid-cols-[3rem_1fr] gap-y-0.5 text-xs text-slate-600">
            <dt className="text-slate-400">From</dt>
            <dd className="break-all">{personLabel({ address: e.fromAddress, name: e.fromName })}</dd>
            <dt className="text-slate-400">To</dt>
            <dd className="break-all">{e.to.map(personLabel).join(', ') || '—'}</dd>
            {e.cc.length ? (
              <>
                <dt className="text-slate-400">Cc</dt>
                <dd className="break-all">{e.cc.map(personLabel).join(', ')}</dd>
              </>
            ) : null}
            <dt className="text-slate-400">Date</dt>
            <dd>{e.occurredAt.toLocaleString()}</dd>
          </dl>
          {e.status === 'failed' && e.failureReason ? (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">Not sent: {e.failureReason}</p>
          ) : null}
          <EmailBody engagementId={e.id} subject={e.subject} />
          {files.length ? (
            <ul className="flex flex-wrap gap-2" aria-label="Attachments">
              {files.map((a) => (
                <li key={a.id}>
                  <AttachmentChip a={a} />
                </li>
              ))}
            </ul>
          ) : null}
          {e.attachmentsSkippedReason ? <p className="text-xs text-slate-500">Attachments not stored: {e.attachmentsSkippedReason}</p> : null}
          <div className="flex flex-wrap items-start justify-between gap-3 border-t border-slate-100 pt-2">
            <WhyHere engagementId={e.id} />
            {e.direction === 'inbound' ? (
              <Link href={`?reply=${e.id}`} scroll={false} className="text-xs font-medium text-brand-700 hover:underline">
                Reply
              </Link>
            ) : null}
          </div>
          <MessageActions engagementId={e.id} contactId={contactId} inThread={inThread} />
        </div>
      ) : null}
    </article>
  );
}
