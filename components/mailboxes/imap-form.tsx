'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { parseConnectionSettings, type ConnectionSettingsField } from '@/server/domain/connect/connection-settings';
import { presetForEmail, type ProviderPreset } from '@/server/domain/connect/provider-presets';
import { POP3_EXPLANATION } from '@/server/domain/connect/pop3';

// "Other (IMAP/SMTP)" (PRODUCT #2): pre-filled for known providers, validated here with the same zod
// schema as the server, then verified for real on the server before anything is saved (PRODUCT #4).

type Values = Record<ConnectionSettingsField, string>;
type Errors = Partial<Record<ConnectionSettingsField, string>>;
export type ImapFormMode =
  | { kind: 'new' }
  | { kind: 'reconnect'; mailboxId: string; email: string; settings: Omit<Values, 'email' | 'password' | 'imapPort' | 'smtpPort'> & { imapPort: number; smtpPort: number } };

const EMPTY: Values = { email: '', imapHost: '', imapPort: '993', imapSecurity: 'tls', smtpHost: '', smtpPort: '465', smtpSecurity: 'tls', username: '', password: '' };
const SERVER_FIELDS: ConnectionSettingsField[] = ['imapHost', 'imapPort', 'imapSecurity', 'smtpHost', 'smtpPort', 'smtpSecurity', 'username'];

function initial(mode: ImapFormMode): Values {
  if (mode.kind === 'new') return EMPTY;
  const s = mode.settings;
  return { ...EMPTY, ...s, email: mode.email, imapPort: String(s.imapPort), smtpPort: String(s.smtpPort) };
}

export function ImapForm(props: { mode: ImapFormMode; extraAllowedPorts: number[]; allowInsecure: boolean; onDone: (message: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>(() => initial(props.mode));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [preset, setPreset] = useState<ProviderPreset | null>(null);
  const edited = useRef(new Set<ConnectionSettingsField>());
  const formRef = useRef<HTMLFormElement>(null);
  const reconnecting = props.mode.kind === 'reconnect';
  // The form opens below the list: bring it into view, on the field the user has to fill.
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'center' });
    formRef.current?.querySelector<HTMLInputElement>(reconnecting ? 'input[name="password"]' : 'input[name="email"]')?.focus();
  }, [reconnecting]);

  const onSuccess = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.mailboxes.list.queryKey() });
    props.onDone(reconnecting ? `${values.email} is reconnected.` : `${values.email} is connected. The first sync starts in a moment.`);
  };
  const onError = (err: { message: string; data?: { fields?: Record<string, string> | null } | null }) => {
    showErrors((err.data?.fields ?? {}) as Errors, err.message);
  };
  // The POP3 explanation (PRODUCT #3) is long: it is shown once above the form, the fields get a pointer.
  const showErrors = (fields: Errors, message: string | null) => {
    const pop3 = Object.values(fields).includes(POP3_EXPLANATION) || message === POP3_EXPLANATION;
    const short = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === POP3_EXPLANATION ? 'This is a POP3 setting. Enter the IMAP server and port instead.' : v])) as Errors;
    setErrors(short);
    const onAField = message !== null && Object.values(fields).includes(message) && !pop3;
    setFormError(pop3 ? POP3_EXPLANATION : onAField ? null : message);
  };
  const connect = useMutation(trpc.mailboxes.connectPassword.mutationOptions({ onSuccess, onError }));
  const reconnect = useMutation(trpc.mailboxes.reconnectPassword.mutationOptions({ onSuccess, onError }));
  const pending = connect.isPending || reconnect.isPending;

  const set = (field: ConnectionSettingsField, value: string) => {
    edited.current.add(field);
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  // Known providers fill the server fields the user has not typed into themselves; the username follows
  // the email address until the user changes it, and fields filled for another provider are cleared.
  const applyPreset = (email: string) => {
    if (reconnecting) return;
    const p = presetForEmail(email);
    setPreset(p);
    const address = email.trim();
    const fill: Partial<Values> = p
      ? {
          imapHost: p.imap.host,
          imapPort: String(p.imap.port),
          imapSecurity: p.imap.security,
          smtpHost: p.smtp.host,
          smtpPort: String(p.smtp.port),
          smtpSecurity: p.smtp.security,
          username: p.username === 'email' ? address : (address.split('@')[0] ?? ''),
        }
      : { imapHost: EMPTY.imapHost, imapPort: EMPTY.imapPort, imapSecurity: EMPTY.imapSecurity, smtpHost: EMPTY.smtpHost, smtpPort: EMPTY.smtpPort, smtpSecurity: EMPTY.smtpSecurity, username: address };
    setValues((v) => {
      const next = { ...v };
      for (const f of SERVER_FIELDS) if (!edited.current.has(f) && fill[f] !== undefined) next[f] = fill[f];
      return next;
    });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    const input = { ...values, username: values.username.trim() ? values.username : values.email.trim() };
    const parsed = parseConnectionSettings(input, { extraAllowedPorts: props.extraAllowedPorts, allowInsecure: props.allowInsecure });
    if (!parsed.ok) {
      showErrors(parsed.fieldErrors, null);
      const first = Object.keys(parsed.fieldErrors)[0];
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setErrors({});
    if (props.mode.kind === 'reconnect') reconnect.mutate({ mailboxId: props.mode.mailboxId, settings: input });
    else connect.mutate(input);
  };

  const text = (field: ConnectionSettingsField, label: string, extra: { type?: string; autoComplete?: string; placeholder?: string; hint?: string; readOnly?: boolean; onBlur?: () => void } = {}) => (
    <Field label={label} error={errors[field]} hint={extra.hint}>
      {(id, describedBy) => (
        <Input
          id={id}
          name={field}
          type={extra.type ?? 'text'}
          value={values[field]}
          onChange={(e) => set(field, e.target.value)}
          onBlur={extra.onBlur}
          aria-describedby={describedBy}
          invalid={!!errors[field]}
          autoComplete={extra.autoComplete ?? 'off'}
          placeholder={extra.placeholder}
          readOnly={extra.readOnly}
          spellCheck={false}
          className={extra.readOnly ? 'bg-slate-50 text-slate-600' : ''}
        />
      )}
    </Field>
  );

  const security = (field: 'imapSecurity' | 'smtpSecurity', label: string) => (
    <Field label={label} error={errors[field]}>
      {(id, describedBy) => (
        <select
          id={id}
          name={field}
          value={values[field]}
          onChange={(e) => set(field, e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={!!errors[field] || undefined}
          className={`block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-brand-500 ${errors[field] ? 'ring-red-400' : 'ring-slate-300'}`}
        >
          <option value="tls">SSL/TLS</option>
          <option value="starttls">STARTTLS</option>
          {props.allowInsecure ? <option value="none">None (development only)</option> : null}
        </select>
      )}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="space-y-5" aria-label={reconnecting ? 'Reconnect mailbox' : 'Connect with IMAP and SMTP'}>
      {formError ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {formError}
        </div>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {text('email', 'Email address', {
          type: 'email',
          autoComplete: 'email',
          placeholder: 'you@company.com',
          readOnly: reconnecting,
          onBlur: () => applyPreset(values.email),
          hint: reconnecting ? 'Reconnect signs in to this same mailbox.' : undefined,
        })}
        {text('username', 'Username', { autoComplete: 'username', hint: 'Usually your full email address.' })}
      </div>
      {preset ? (
        <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="preset-note">
          <span className="font-medium">{preset.name}</span> settings filled in. {preset.note}
        </p>
      ) : null}
      <fieldset className="grid gap-4 sm:grid-cols-[1fr_7rem_9rem]">
        <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Incoming mail (IMAP)</legend>
        {text('imapHost', 'IMAP server', { placeholder: 'imap.company.com' })}
        {text('imapPort', 'Port', { type: 'text', placeholder: '993' })}
        {security('imapSecurity', 'Security')}
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-[1fr_7rem_9rem]">
        <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Outgoing mail (SMTP)</legend>
        {text('smtpHost', 'SMTP server', { placeholder: 'smtp.company.com' })}
        {text('smtpPort', 'Port', { type: 'text', placeholder: '465' })}
        {security('smtpSecurity', 'Security')}
      </fieldset>
      <div className="max-w-sm">
        {text('password', reconnecting ? 'New password' : 'Password', {
          type: 'password',
          autoComplete: 'new-password',
          hint: 'Stored encrypted. Some providers need an app password here.',
        })}
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Checking your login…' : reconnecting ? 'Reconnect' : 'Connect mailbox'}
        </Button>
        <Button type="button" variant="ghost" onClick={props.onCancel} disabled={pending}>
          Cancel
        </Button>
        {pending ? <span className="text-xs text-slate-500">We sign in to your IMAP and SMTP servers to check the settings.</span> : null}
      </div>
    </form>
  );
}
