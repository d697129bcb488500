import { connectImap, probeGreeting, type ConnectOptions, type ImapTarget } from '@/server/adapters/imap-connect';
import { verifySmtp, type SmtpTarget } from '@/server/adapters/smtp-connect';
import { MailGuardError } from '@/server/adapters/mail-network';
import { classifyMailError, describeError, type ErrorReason, type ProviderHint } from '@/server/domain/errors/classify';
import { detectPop3 } from '@/server/domain/connect/pop3';

// Issue 4 / PRODUCT #4: credentials are checked for real (IMAP LOGIN/AUTHENTICATE, then SMTP AUTH)
// within a time limit, with a specific plain-language message per failure; POP3 is refused (PRODUCT #3).

export type VerifyStep = 'imap' | 'smtp';
export type VerifyFailureReason = ErrorReason | 'pop3' | 'refused_address';
export type VerifyField = 'email' | 'imapHost' | 'imapPort' | 'imapSecurity' | 'smtpHost' | 'smtpPort' | 'smtpSecurity' | 'username' | 'password';

export type VerifyResult =
  | { ok: true; imapGreeting?: string }
  | { ok: false; step: VerifyStep; reason: VerifyFailureReason; message: string; field: VerifyField | null };

export const VERIFY_TIMEOUT_MS = 15_000;

// Which form field the message belongs next to (errors shown where they happen).
function fieldFor(step: VerifyStep, reason: VerifyFailureReason): VerifyField | null {
  const p = step === 'imap' ? 'imap' : 'smtp';
  switch (reason) {
    case 'wrong_credentials':
    case 'app_password_required':
    case 'web_login_required':
    case 'password_login_disabled':
      return 'password';
    case 'host_not_found':
    case 'host_unreachable':
    case 'refused_address':
    case 'timeout':
      return `${p}Host`;
    case 'connection_refused':
    case 'pop3':
      return `${p}Port`;
    case 'tls_certificate':
    case 'tls_version':
    case 'tls_required':
      return `${p}Security`;
    default:
      return null;
  }
}

function failure(step: VerifyStep, err: unknown, provider?: ProviderHint): Extract<VerifyResult, { ok: false }> {
  if (err instanceof MailGuardError) return { ok: false, step, reason: 'refused_address', message: err.message, field: fieldFor(step, 'refused_address') };
  // imapflow flags a missing STARTTLS only with `tlsFailed`; the classifier cannot see it in the fields.
  if ((err as { tlsFailed?: unknown })?.tlsFailed === true) {
    const message = 'Incoming mail (IMAP): this server doesn’t offer STARTTLS on that port. Choose SSL/TLS (usually port 993), or check the port number.';
    return { ok: false, step, reason: 'tls_version', message, field: fieldFor(step, 'tls_version') };
  }
  const c = classifyMailError(describeError(err, step), provider);
  const label = step === 'imap' ? 'Incoming mail (IMAP)' : 'Outgoing mail (SMTP)';
  return { ok: false, step, reason: c.reason, message: `${label}: ${c.message}`, field: fieldFor(step, c.reason) };
}

export type VerifyOptions = ConnectOptions & { provider?: ProviderHint };

// Logs in to IMAP and SMTP for real; never stores anything.
export async function verifyMailboxLogin(imap: ImapTarget, smtp: SmtpTarget, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const connectOpts: ConnectOptions = { timeoutMs: VERIFY_TIMEOUT_MS, ...opts };
  const pop3 = detectPop3({ host: imap.host, port: imap.port });
  if (pop3.pop3) return { ok: false, step: 'imap', reason: 'pop3', message: pop3.message, field: 'imapHost' };

  try {
    const client = await connectImap(imap, connectOpts);
    await client.logout().catch(() => client.close());
  } catch (err) {
    const result = failure('imap', err, opts.provider);
    // A server that is not speaking IMAP may be a POP3 server on a non-standard port: ask it.
    if (!['wrong_credentials', 'refused_address', 'app_password_required', 'timeout'].includes(result.reason)) {
      const greeting = await probeGreeting(imap, { ...connectOpts, timeoutMs: 5_000 }).catch(() => null);
      const byGreeting = greeting ? detectPop3({ greeting }) : { pop3: false as const };
      if (byGreeting.pop3) return { ok: false, step: 'imap', reason: 'pop3', message: byGreeting.message, field: 'imapPort' };
    }
    return result;
  }

  try {
    await verifySmtp(smtp, connectOpts);
  } catch (err) {
    return failure('smtp', err, opts.provider);
  }
  return { ok: true };
}
