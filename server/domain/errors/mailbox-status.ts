import { nextRetryAt, type BackoffOptions } from './backoff';
import type { ClassifiedError, ErrorKind } from './classify';

// PRODUCT #5 status model: connecting → syncing → connected; `degraded` for every failure kind
// (retried with backoff); `disconnected` only when the provider refuses the stored credentials twice
// in a row (or a definitive signal is passed as `confirmed`), until the user reconnects.

export type MailboxStatus = 'connecting' | 'syncing' | 'connected' | 'degraded' | 'disconnected';
export type MailboxKind = 'google' | 'microsoft' | 'imap';

/** Mirrors the mailbox columns status, status_kind, status_reason, failure_count, retry_at. */
export type MailboxStatusState = {
  status: MailboxStatus;
  statusKind: ErrorKind | null;
  statusReason: string | null;
  failureCount: number;
  retryAt: Date | null;
};

export type MailboxStatusEvent =
  | { type: 'sync-started' }
  | { type: 'sync-caught-up' }
  | { type: 'failed'; error: ClassifiedError; confirmed?: boolean; serverHintMs?: number }
  | { type: 'reconnected' };

export type MailboxStatusContext = {
  now: Date;
  random: () => number;
  mailboxKind: MailboxKind;
  backoff?: BackoffOptions;
  /** How soon the confirmation retry after a first auth refusal runs. */
  authConfirmDelayMs?: number;
};

export type MailboxStatusTransition = {
  state: MailboxStatusState;
  changed: boolean;
  /** Tell the owner (banner + in-app notification): only on disconnect. */
  notifyOwner: boolean;
};

export type StatusExplanation = { headline: string; action: string; text: string };

export const INITIAL_MAILBOX_STATUS: MailboxStatusState = { status: 'connecting', statusKind: null, statusReason: null, failureCount: 0, retryAt: null };

const DEFAULT_AUTH_CONFIRM_DELAY_MS = 30_000;

const explain = (headline: string, action: string): StatusExplanation => ({ headline, action, text: `${headline} — ${action}` });

const PROVIDER_NAME: Record<Exclude<MailboxKind, 'imap'>, string> = { google: 'Google', microsoft: 'Microsoft' };

// PRODUCT #5: the stored reason and what to do, for a disconnected mailbox.
export function explainDisconnect(error: ClassifiedError, mailboxKind: MailboxKind): StatusExplanation {
  if (mailboxKind !== 'imap') {
    const name = PROVIDER_NAME[mailboxKind];
    if (error.reason === 'access_revoked') return explain(`Access was revoked in your ${name} account`, 'Reconnect to grant access again.');
    return explain(`${name} no longer accepts the stored sign-in`, `Reconnect with ${name} to restore access.`);
  }
  switch (error.reason) {
    case 'app_password_required':
      return explain('The mail server now requires an app password', 'Create an app password in your email account’s security settings and reconnect with it.');
    case 'web_login_required':
      return explain('Your provider blocked the sign-in', 'Sign in to your email in a web browser once, then reconnect.');
    case 'password_login_disabled':
      return explain('Your provider turned off sign-in with a password', 'Reconnect using the “Connect with Microsoft” or “Connect with Google” button.');
    default:
      return explain('Your password was changed or is no longer accepted', 'Reconnect with the new password.');
  }
}

// PRODUCT #5: what a degraded mailbox shows, by error kind (the kind is shown with it).
export function explainDegraded(error: ClassifiedError): StatusExplanation {
  switch (error.kind) {
    case 'auth':
      return explain('The mail server refused the sign-in', 'Checking again shortly before marking the mailbox disconnected.');
    case 'tls':
      return explain('The secure connection to the mail server failed', 'We’ll keep retrying. If this continues, ask your IT team to check the server’s certificate and TLS settings.');
    case 'host':
      return explain('The mail server can’t be found or refuses connections', 'We’ll keep retrying. If this continues, reconnect with the correct server settings.');
    case 'throttled':
      return explain('Your provider is limiting connections right now', 'Syncing resumes automatically.');
    case 'permanent':
      return explain('The mail server returned an error', 'We’ll keep retrying. If this continues, contact support.');
    case 'network':
      return error.reason === 'timeout'
        ? explain('The mail server is not answering', 'We’ll keep retrying automatically.')
        : explain('We can’t reach the mail server right now', 'We’ll keep retrying automatically.');
  }
}

function sameState(a: MailboxStatusState, b: MailboxStatusState): boolean {
  return (
    a.status === b.status &&
    a.statusKind === b.statusKind &&
    a.statusReason === b.statusReason &&
    a.failureCount === b.failureCount &&
    (a.retryAt?.getTime() ?? null) === (b.retryAt?.getTime() ?? null)
  );
}

const transition = (from: MailboxStatusState, state: MailboxStatusState, notifyOwner = false): MailboxStatusTransition => ({
  state,
  changed: !sameState(from, state),
  notifyOwner,
});

// PRODUCT #5: the next mailbox status after a sync event or a classified failure.
export function nextMailboxStatus(state: MailboxStatusState, event: MailboxStatusEvent, ctx: MailboxStatusContext): MailboxStatusTransition {
  // Only the user's reconnect leaves `disconnected`: a stray worker success must not hide a dead credential.
  if (state.status === 'disconnected' && event.type !== 'reconnected') return transition(state, state);

  switch (event.type) {
    case 'reconnected':
      return transition(state, { ...INITIAL_MAILBOX_STATUS });
    case 'sync-started':
      return transition(state, { ...state, status: 'syncing', statusKind: null, statusReason: null, retryAt: null });
    case 'sync-caught-up':
      return transition(state, { status: 'connected', statusKind: null, statusReason: null, failureCount: 0, retryAt: null });
    case 'failed':
      return failed(state, event, ctx);
  }
}

function failed(state: MailboxStatusState, event: Extract<MailboxStatusEvent, { type: 'failed' }>, ctx: MailboxStatusContext): MailboxStatusTransition {
  const { error } = event;
  const failureCount = state.failureCount + 1;
  if (error.kind === 'auth') {
    const secondInARow = state.status === 'degraded' && state.statusKind === 'auth';
    if (event.confirmed === true || secondInARow) {
      const reason = explainDisconnect(error, ctx.mailboxKind).text;
      return transition(state, { status: 'disconnected', statusKind: 'auth', statusReason: reason, failureCount, retryAt: null }, true);
    }
    const retryAt = new Date(ctx.now.getTime() + (ctx.authConfirmDelayMs ?? DEFAULT_AUTH_CONFIRM_DELAY_MS));
    return transition(state, { status: 'degraded', statusKind: 'auth', statusReason: explainDegraded(error).text, failureCount, retryAt });
  }
  const retryAt = nextRetryAt(ctx.now, failureCount - 1, ctx.random, ctx.backoff, event.serverHintMs);
  return transition(state, { status: 'degraded', statusKind: error.kind, statusReason: explainDegraded(error).text, failureCount, retryAt });
}
