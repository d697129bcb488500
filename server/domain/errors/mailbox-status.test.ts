import { describe, expect, it } from 'vitest';
import { classifyMailError, type ClassifiedError } from './classify';
import {
  INITIAL_MAILBOX_STATUS,
  explainDegraded,
  explainDisconnect,
  nextMailboxStatus,
  type MailboxKind,
  type MailboxStatusContext,
  type MailboxStatusEvent,
  type MailboxStatusState,
} from './mailbox-status';

const now = new Date('2026-12-03T12:00:00Z');
const ctx = (mailboxKind: MailboxKind = 'imap'): MailboxStatusContext => ({ now, random: () => 0, mailboxKind });

const wrongPassword = classifyMailError({ source: 'imap', authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' });
const revoked = classifyMailError({ source: 'oauth', code: 'invalid_grant' });
const timeout = classifyMailError({ source: 'imap', code: 'ETIMEOUT' });
const refused = classifyMailError({ source: 'imap', code: 'ECONNREFUSED' });
const badCert = classifyMailError({ source: 'imap', code: 'CERT_HAS_EXPIRED' });
const throttled = classifyMailError({ source: 'imap', serverResponseCode: 'THROTTLED' });
const rejected = classifyMailError({ source: 'smtp', responseCode: 554, response: '554 no' });

const state = (patch: Partial<MailboxStatusState>): MailboxStatusState => ({ ...INITIAL_MAILBOX_STATUS, ...patch });
const fail = (error: ClassifiedError, extra: Partial<Extract<MailboxStatusEvent, { type: 'failed' }>> = {}): MailboxStatusEvent => ({ type: 'failed', error, ...extra });

// PRODUCT #5
describe('nextMailboxStatus: the happy path', () => {
  it('connecting → syncing → connected', () => {
    const syncing = nextMailboxStatus(INITIAL_MAILBOX_STATUS, { type: 'sync-started' }, ctx());
    expect(syncing).toMatchObject({ changed: true, notifyOwner: false, state: { status: 'syncing' } });
    const connected = nextMailboxStatus(syncing.state, { type: 'sync-caught-up' }, ctx());
    expect(connected).toEqual({ changed: true, notifyOwner: false, state: { status: 'connected', statusKind: null, statusReason: null, failureCount: 0, retryAt: null } });
  });

  it('a repeated caught-up is not a change', () => {
    const connected = state({ status: 'connected' });
    expect(nextMailboxStatus(connected, { type: 'sync-caught-up' }, ctx()).changed).toBe(false);
  });
});

describe('nextMailboxStatus: non-auth failures degrade and never disconnect', () => {
  it.each([
    [timeout, 'network', /not answering/],
    [refused, 'host', /can’t be found or refuses connections/],
    [badCert, 'tls', /secure connection/],
    [throttled, 'throttled', /limiting connections/],
    [rejected, 'permanent', /returned an error/],
  ] as const)('%j → degraded with kind %s', (error, kind, reason) => {
    let current = state({ status: 'connected' });
    for (let i = 1; i <= 12; i++) {
      const next = nextMailboxStatus(current, fail(error), ctx());
      expect(next.state.status).toBe('degraded');
      expect(next.state.statusKind).toBe(kind);
      expect(next.state.statusReason).toMatch(reason);
      expect(next.state.failureCount).toBe(i);
      expect(next.notifyOwner).toBe(false);
      current = next.state;
    }
  });

  it('schedules retries with growing backoff (random injected)', () => {
    const first = nextMailboxStatus(state({ status: 'connected' }), fail(timeout), ctx());
    const second = nextMailboxStatus(first.state, fail(timeout), ctx());
    const third = nextMailboxStatus(second.state, fail(timeout), ctx());
    expect(first.state.retryAt?.toISOString()).toBe('2026-12-03T12:00:02.500Z');
    expect(second.state.retryAt?.toISOString()).toBe('2026-12-03T12:00:05.000Z');
    expect(third.state.retryAt?.toISOString()).toBe('2026-12-03T12:00:10.000Z');
  });

  it('honours a server throttle hint longer than the backoff', () => {
    const next = nextMailboxStatus(state({ status: 'connected' }), fail(throttled, { serverHintMs: 90_000 }), ctx());
    expect(next.state.retryAt?.toISOString()).toBe('2026-12-03T12:01:30.000Z');
  });

  it('a network failure between two auth failures resets the confirmation', () => {
    const a = nextMailboxStatus(state({ status: 'connected' }), fail(wrongPassword), ctx());
    const b = nextMailboxStatus(a.state, fail(timeout), ctx());
    const c = nextMailboxStatus(b.state, fail(wrongPassword), ctx());
    expect(c.state.status).toBe('degraded');
    expect(c.state.statusKind).toBe('auth');
  });

  it('recovery clears the degraded state and failure count', () => {
    const degraded = state({ status: 'degraded', statusKind: 'network', statusReason: 'x', failureCount: 7, retryAt: now });
    const syncing = nextMailboxStatus(degraded, { type: 'sync-started' }, ctx());
    expect(syncing.state).toEqual({ status: 'syncing', statusKind: null, statusReason: null, failureCount: 7, retryAt: null });
    expect(nextMailboxStatus(syncing.state, { type: 'sync-caught-up' }, ctx()).state.failureCount).toBe(0);
  });
});

describe('nextMailboxStatus: auth failures disconnect only after confirmation', () => {
  it('first refusal → degraded(auth) with a short confirmation retry, no notification', () => {
    const next = nextMailboxStatus(state({ status: 'connected' }), fail(wrongPassword), ctx());
    expect(next).toMatchObject({ notifyOwner: false, state: { status: 'degraded', statusKind: 'auth', failureCount: 1 } });
    expect(next.state.retryAt?.toISOString()).toBe('2026-12-03T12:00:30.000Z');
    expect(next.state.statusReason).toMatch(/Checking again/);
  });

  it('a custom confirmation delay is used', () => {
    const next = nextMailboxStatus(state({ status: 'connected' }), fail(wrongPassword), { ...ctx(), authConfirmDelayMs: 5_000 });
    expect(next.state.retryAt?.toISOString()).toBe('2026-12-03T12:00:05.000Z');
  });

  it.each<[MailboxKind, ClassifiedError, string]>([
    ['imap', wrongPassword, 'Your password was changed or is no longer accepted — Reconnect with the new password.'],
    ['google', revoked, 'Access was revoked in your Google account — Reconnect to grant access again.'],
    ['microsoft', revoked, 'Access was revoked in your Microsoft account — Reconnect to grant access again.'],
    ['google', wrongPassword, 'Google no longer accepts the stored sign-in — Reconnect with Google to restore access.'],
  ])('second refusal on a %s mailbox → disconnected with the reason and what to do', (mailboxKind, error, reason) => {
    const first = nextMailboxStatus(state({ status: 'syncing' }), fail(error), ctx(mailboxKind));
    const second = nextMailboxStatus(first.state, fail(error), ctx(mailboxKind));
    expect(second).toEqual({
      changed: true,
      notifyOwner: true,
      state: { status: 'disconnected', statusKind: 'auth', statusReason: reason, failureCount: 2, retryAt: null },
    });
  });

  it('a confirmed refusal disconnects at once', () => {
    const next = nextMailboxStatus(state({ status: 'connected' }), fail(revoked, { confirmed: true }), ctx('google'));
    expect(next.state.status).toBe('disconnected');
    expect(next.notifyOwner).toBe(true);
  });

  it.each<MailboxStatusEvent>([{ type: 'sync-started' }, { type: 'sync-caught-up' }, fail(timeout), fail(wrongPassword)])(
    'a disconnected mailbox ignores %j',
    (event) => {
      const disconnected = state({ status: 'disconnected', statusKind: 'auth', statusReason: 'r', failureCount: 2 });
      expect(nextMailboxStatus(disconnected, event, ctx())).toEqual({ changed: false, notifyOwner: false, state: disconnected });
    },
  );

  it('reconnect restores a disconnected mailbox to connecting', () => {
    const disconnected = state({ status: 'disconnected', statusKind: 'auth', statusReason: 'r', failureCount: 2 });
    expect(nextMailboxStatus(disconnected, { type: 'reconnected' }, ctx()).state).toEqual(INITIAL_MAILBOX_STATUS);
  });
});

describe('explanations', () => {
  it.each([
    ['app_password_required', { source: 'smtp', code: 'EAUTH', responseCode: 534, response: '5.7.9 Application-specific password required' }, /app password/],
    ['web_login_required', { source: 'smtp', code: 'EAUTH', responseCode: 534, response: '5.7.14 Please log in via your web browser' }, /web browser/],
    ['password_login_disabled', { source: 'smtp', code: 'EAUTH', responseCode: 535, response: '5.7.139 basic authentication is disabled' }, /Connect with Microsoft/],
  ] as const)('imap disconnect for %s says what to do', (_reason, description, text) => {
    expect(explainDisconnect(classifyMailError(description), 'imap').text).toMatch(text);
  });

  it('every kind has a degraded explanation with an action', () => {
    for (const error of [wrongPassword, timeout, refused, badCert, throttled, rejected, classifyMailError({ source: 'net', code: 'ECONNRESET' })]) {
      const explanation = explainDegraded(error);
      expect(explanation.headline.length).toBeGreaterThan(10);
      expect(explanation.action.length).toBeGreaterThan(10);
      expect(explanation.text).toBe(`${explanation.headline} — ${explanation.action}`);
    }
  });
});
