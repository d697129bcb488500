'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { Card, ErrorBox, Spinner } from '@/components/ui/states';
import { threadPitfall } from '@/server/domain/threads/thread-pitfall';
import { AttachmentUploader, type Upload } from './attachment-uploader';
import { RichTextEditor } from './rich-text-editor';
import { SendStatus } from './send-status';
import { TemplatePicker } from './template-picker';

// The composer on the contact record (issue 6): sending mailbox, To from the contact's addresses, Cc/Bcc,
// subject, rich text, attachments, templates with a preview for this contact, and the PRODUCT #11 nudge.

const split = (s: string) => s.split(/[,;\s]+/).map((x) => x.trim()).filter(Boolean);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const QUOTE_MARK = 'data-mailroom-quote';

function quoteHtml(reply: { fromAddress: string; occurredAt: Date; quote: string }) {
  const lines = escapeHtml(reply.quote).split('\n').join('<br>');
  return `<p><br></p><blockquote ${QUOTE_MARK}="1"><p>On ${reply.occurredAt.toLocaleString('en-GB')}, ${escapeHtml(reply.fromAddress)} wrote:</p><p>${lines}</p></blockquote>`;
}

export function Composer({ contactId, contactName, replyTo }: { contactId: string; contactName: string; replyTo?: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(Boolean(replyTo));
  const [replyId, setReplyId] = useState<string | undefined>(replyTo);
  const ctx = useQuery({ ...trpc.compose.context.queryOptions({ contactId, replyTo: replyId }), enabled: open });
  const [mailboxId, setMailboxId] = useState('');
  const [to, setTo] = useState('');
  const [cc, setCc] = useState('');
  const [bcc, setBcc] = useState('');
  const [showCopies, setShowCopies] = useState(false);
  const [subject, setSubject] = useState('');
  const [html, setHtml] = useState('');
  const [version, setVersion] = useState(0);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [sent, setSent] = useState<string[]>([]);
  const data = ctx.data;
  const appliedReply = useRef<string | null>(null);

  // Defaults once the context arrives: my first connected mailbox, the contact's first address, reply subject/quote.
  useEffect(() => {
    if (!data) return;
    setMailboxId((m) => m || (data.mailboxes.find((b) => b.status !== 'disconnected') ?? data.mailboxes[0])?.id || '');
    setTo((t) => t || data.contactEmails[0] || '');
    // Once per reply: a background refetch must not wipe what the rep is typing.
    if (data.reply && appliedReply.current !== data.reply.engagementId) {
      appliedReply.current = data.reply.engagementId;
      setSubject(/^re:/i.test(data.reply.subject) ? data.reply.subject : `Re: ${data.reply.subject}`);
      setHtml(quoteHtml(data.reply));
      setVersion((v) => v + 1);
    }
  }, [data]);

  const mailbox = data?.mailboxes.find((b) => b.id === mailboxId);
  const nudge = useMemo(() => {
    if (!data?.reply) return null;
    const d = threadPitfall({
      mode: 'reply',
      originalParticipants: data.reply.participants,
      recipients: [to, ...split(cc), ...split(bcc)],
      quotedOriginalKept: html.includes(QUOTE_MARK),
      ownAddresses: data.mailboxes.map((b) => b.emailAddress),
    });
    return d.nudge ? d : null;
  }, [data, to, cc, bcc, html]);

  const send = useMutation(
    trpc.compose.send.mutationOptions({
      onSuccess: (r) => {
        setSent((s) => [r.engagementId, ...s]);
        setKey(crypto.randomUUID());
        setSubject('');
        setHtml('');
        setVersion((v) => v + 1);
        setUploads([]);
        setCc('');
        setBcc('');
        setReplyId(undefined);
        void queryClient.invalidateQueries();
      },
    }),
  );
  const fields = (send.error?.data as { fields?: Record<string, string> | null } | undefined)?.fields ?? {};
  const uploading = uploads.some((u) => !u.id && !u.error);

  const startNewEmail = () => {
    setReplyId(undefined);
    setSubject('');
    setHtml('');
    setVersion((v) => v + 1);
    setKey(crypto.randomUUID());
  };

  if (!open) {
    return (
      <div className="flex items-center justify-between rounded-lg border border-slate-200 bg-white px-5 py-3 shadow-sm">
        <p className="text-sm text-slate-600">Send an email to {contactName} from your connected inbox.</p>
        <Button onClick={() => setOpen(true)}>Write email</Button>
        {sent.length ? <SendStatus engagementIds={sent} /> : null}
      </div>
    );
  }

  return (
    <Card title={data?.reply ? `Reply to ${contactName}` : `Email ${contactName}`} actions={<Button variant="ghost" onClick={() => setOpen(false)}>Close</Button>}>
      {ctx.isPending ? (
        <Spinner label="Loading composer" />
      ) : ctx.isError ? (
        <ErrorBox title="Could not open the composer">{ctx.error.message}</ErrorBox>
      ) : data && data.mailboxes.length === 0 ? (
        <ErrorBox title="Connect an inbox first">
          Sending from the CRM uses your own mailbox. <a className="underline" href="/settings/email">Connect it in Settings → Email</a>.
        </ErrorBox>
      ) : data ? (
        <form
          className="space-y-4"
          aria-label="Compose email"
          onSubmit={(e) => {
            e.preventDefault();
            send.mutate({
              idempotencyKey: key,
              mailboxId,
              contactId,
              to: to ? [to] : [],
              cc: split(cc),
              bcc: split(bcc),
              subject,
              html,
              replyToEngagementId: replyId ?? null,
              attachmentIds: uploads.filter((u) => u.id && !u.error).map((u) => u.id!),
            });
          }}
        >
          <div className="grid gap-4 md:grid-cols-2">
            <Field label="From" error={fields.mailboxId} hint={mailbox?.status === 'disconnected' ? `Disconnected: ${mailbox.statusReason ?? 'reconnect in Settings → Email'}` : undefined}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={mailboxId} onChange={(e) => setMailboxId(e.target.value)} className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
                  {data.mailboxes.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.emailAddress}
                      {b.status === 'disconnected' ? ' (disconnected)' : ''}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="To" error={fields.to}>
              {(id, d) => (
                <select id={id} aria-describedby={d} value={to} onChange={(e) => setTo(e.target.value)} className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
                  {data.contactEmails.map((a) => (
                    <option key={a} value={a}>
                      {contactName} &lt;{a}&gt;
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {showCopies || cc || bcc ? (
            <div className="grid gap-4 md:grid-cols-2">
              <Field label="Cc" error={fields.cc} hint="Separate addresses with commas.">
                {(id, d) => <Input id={id} aria-describedby={d} value={cc} invalid={!!fields.cc} onChange={(e) => setCc(e.target.value)} />}
              </Field>
              <Field label="Bcc" error={fields.bcc}>
                {(id, d) => <Input id={id} aria-describedby={d} value={bcc} invalid={!!fields.bcc} onChange={(e) => setBcc(e.target.value)} />}
              </Field>
            </div>
          ) : (
            <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => setShowCopies(true)}>
              Add Cc / Bcc
            </button>
          )}
          <TemplatePicker
            contactId={contactId}
            to={to}
            senderEmail={mailbox?.emailAddress ?? null}
            onUse={(t) => {
              setSubject(t.subject);
              setHtml(t.bodyHtml);
              setVersion((v) => v + 1);
            }}
          />
          <Field label="Subject" error={fields.subject}>
            {(id, d) => <Input id={id} aria-describedby={d} value={subject} invalid={!!fields.subject} onChange={(e) => setSubject(e.target.value)} />}
          </Field>
          <Field label="Message" error={fields.body}>
            {(id, d) => <RichTextEditor html={html} version={version} onChange={setHtml} label="Message" invalid={!!fields.body} describedBy={d ?? id} />}
          </Field>
          {nudge ? (
            <div role="note" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
              <p className="font-medium">Sending something new? Start a new email instead.</p>
              <p className="mt-1">
                {nudge.newRecipients.join(', ')} {nudge.newRecipients.length === 1 ? 'was' : 'were'} not in the original conversation, and the original text is gone. A reply keeps the old thread’s references, so
                unrelated emails would end up in one thread. For the same content to different people, use a template.
              </p>
              <div className="mt-2 flex gap-2">
                <Button type="button" variant="secondary" onClick={startNewEmail}>
                  Start a new email
                </Button>
              </div>
            </div>
          ) : null}
          <div>
            <AttachmentUploader uploads={uploads} setUploads={setUploads} maxBytes={data.limits.maxAttachmentBytes} />
            {fields.attachments ? <p role="alert" className="mt-1 text-sm text-red-700">{fields.attachments}</p> : null}
          </div>
          {send.isError && Object.keys(fields).length === 0 ? <ErrorBox title="Not sent">{send.error.message}</ErrorBox> : null}
          {send.isError && Object.keys(fields).length > 0 ? <p role="alert" className="text-sm text-red-700">Not sent: {send.error.message}</p> : null}
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={send.isPending || uploading || !mailboxId}>
              {send.isPending ? 'Queuing…' : uploading ? 'Uploading…' : 'Send'}
            </Button>
            {data.reply ? <span className="text-xs text-slate-500">Replying in the thread “{data.reply.subject}”</span> : null}
            <SendStatus engagementIds={sent} />
          </div>
        </form>
      ) : null}
    </Card>
  );
}
