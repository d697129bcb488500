// CONVENTIONS "Errors": every mail/OAuth/network failure is classified once into a kind, a specific
// reason for the connect form (issue 4) and a plain-language message. Only `auth` disconnects (PRODUCT #5).

export const errorKinds = ['auth', 'tls', 'host', 'network', 'throttled', 'permanent'] as const;
export type ErrorKind = (typeof errorKinds)[number];

export type ErrorReason =
  | 'wrong_credentials'
  | 'app_password_required'
  | 'web_login_required'
  | 'password_login_disabled'
  | 'access_revoked'
  | 'host_not_found'
  | 'connection_refused'
  | 'host_unreachable'
  | 'tls_certificate'
  | 'tls_version'
  | 'tls_required'
  | 'timeout'
  | 'throttled'
  | 'connection_lost'
  | 'server_unavailable'
  | 'oauth_misconfigured'
  | 'rejected'
  | 'unknown';

/** Plain facts read off an imapflow, nodemailer, OAuth or socket error (see describeError). */
export type ErrorDescription = {
  source: 'imap' | 'smtp' | 'oauth' | 'net';
  code?: string;
  /** nodemailer keeps the socket's own code (ECONNREFUSED, CERT_HAS_EXPIRED) here when it sets ESOCKET/EDNS/ETLS. */
  originalCode?: string;
  /** SMTP reply code (nodemailer) or HTTP status (OAuth token endpoint). */
  responseCode?: number;
  response?: string;
  responseText?: string;
  message?: string;
  /** imapflow: true only when the server refused the credentials with a tagged NO/BAD. */
  authenticationFailed?: boolean;
  /** imapflow: the bracketed IMAP response code, e.g. AUTHENTICATIONFAILED, THROTTLED, UNAVAILABLE. */
  serverResponseCode?: string;
};

/** Provider context only sharpens the message (e.g. "Yahoo needs an app password"). */
export type ProviderHint = 'gmail' | 'google' | 'outlook' | 'office365' | 'microsoft' | 'yahoo' | 'icloud' | 'fastmail' | 'zoho' | 'gmx';

export type ClassifiedError = {
  kind: ErrorKind;
  reason: ErrorReason;
  /** Shown to the user as is. */
  message: string;
  /** Whether repeating the same operation later may succeed without the user doing anything. */
  retryable: boolean;
};

const CERT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
const TLS_VERSION_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_VERSION_TOO_LOW',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
]);
// imapflow ETIMEOUT/CONNECT_TIMEOUT/GREETING_TIMEOUT/UPGRADE_TIMEOUT, nodemailer and Node ETIMEDOUT.
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'ENODATA', 'ENONAME']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'NoConnection', 'EConnectionClosed', 'ClosedAfterConnectText', 'ClosedAfterConnectTLS', 'ECONNECTION', 'ESOCKET', 'EDNS']);

const MESSAGES: Record<ErrorReason, string> = {
  wrong_credentials: 'The username or password was not accepted. Check them and try again.',
  app_password_required:
    'Your provider requires an app password for this connection. Create one in your email account’s security settings and enter it here instead of your normal password.',
  web_login_required: 'Your provider blocked this sign-in. Sign in to your email in a web browser once to confirm it’s you, then try again.',
  password_login_disabled:
    'Your provider has turned off sign-in with a password for this mailbox. Use the “Connect with Microsoft” or “Connect with Google” button instead.',
  access_revoked: 'Access to this mailbox was revoked or has expired. Reconnect to grant access again.',
  host_not_found: 'We couldn’t find that server. Check the server name for typos.',
  connection_refused: 'The server refused the connection. Check the server name and the port number.',
  host_unreachable: 'We couldn’t reach the server. Check the server name, or try again later.',
  tls_certificate:
    'The server’s security certificate isn’t valid (it may be expired, self-signed or issued for a different name). Check the server name, or ask your IT team to fix the certificate.',
  tls_version:
    'A secure connection couldn’t be set up. Check the security setting: port 993 (IMAP) and 465 (SMTP) use SSL/TLS, ports 143 and 587 use STARTTLS. Very old servers may not support current TLS versions.',
  tls_required: 'The server requires an encrypted connection. Choose SSL/TLS or STARTTLS.',
  timeout: 'The server took too long to answer. Check the server name and port, or try again later.',
  throttled: 'The provider is limiting connections right now. We’ll try again automatically in a few minutes.',
  connection_lost: 'The connection to the mail server was interrupted. We’ll try again automatically.',
  server_unavailable: 'The mail server is temporarily unavailable. We’ll try again automatically.',
  oauth_misconfigured: 'The sign-in app for this provider is not set up correctly. An administrator needs to check the OAuth client settings.',
  rejected: 'The mail server rejected the request.',
  unknown: 'Something went wrong talking to the mail server. We’ll try again automatically.',
};

const PROVIDER_APP_PASSWORD_HINTS: Partial<Record<ProviderHint, string>> = {
  gmail: 'Gmail only accepts an app password here (Google account → Security → App passwords), or use “Connect with Google”.',
  yahoo: 'Yahoo only accepts an app password here: Yahoo account → Account security → Generate app password.',
  icloud: 'iCloud only accepts an app-specific password here, not your Apple Account password: account.apple.com → Sign-In and Security → App-Specific Passwords.',
  fastmail: 'Fastmail only accepts an app password here: Settings → Privacy & Security → Manage app passwords.',
  outlook: 'Microsoft accounts usually need the “Connect with Microsoft” button instead of a password.',
  office365: 'Microsoft 365 mailboxes usually need the “Connect with Microsoft” button instead of a password.',
};

const result = (kind: ErrorKind, reason: ErrorReason, retryable: boolean, message = MESSAGES[reason]): ClassifiedError => ({
  kind,
  reason,
  message,
  retryable,
});

function textOf(e: ErrorDescription): string {
  return [e.response, e.responseText, e.message].filter((s): s is string => typeof s === 'string').join(' \n ');
}

// CONVENTIONS "Errors" + issue 4 verification messages: one classification for every failure.
export function classifyMailError(e: ErrorDescription, provider?: ProviderHint): ClassifiedError {
  const code = e.code ?? '';
  const original = e.originalCode ?? '';
  const codes = [code, original];
  const has = (set: Set<string>) => codes.some((c) => set.has(c));
  const text = textOf(e);
  const imapCode = (e.serverResponseCode ?? /\[([A-Z-]+)[\] ]/.exec(text)?.[1] ?? '').toUpperCase();
  const smtp = e.source === 'smtp' ? (e.responseCode ?? 0) : 0;

  if (e.source === 'oauth') return classifyOAuth(e, text);

  // Throttling first: providers answer "too many logins" with auth-looking codes (Gmail 454 4.7.0).
  if (code === 'ETHROTTLE' || imapCode === 'THROTTLED' || imapCode === 'LIMIT' || (imapCode === 'UNAVAILABLE' && /too many/i.test(text))) {
    return result('throttled', 'throttled', true);
  }
  if (smtp >= 400 && smtp < 500) {
    if (/tls|starttls|encrypt/i.test(text) && !/too many|try again later|rate/i.test(text)) return result('tls', 'tls_required', true);
    return result('throttled', 'throttled', true);
  }

  if (has(CERT_CODES) || /self[- ]signed certificate|certificate has expired|unable to verify the first certificate|hostname\/ip does not match certificate/i.test(text)) {
    return result('tls', 'tls_certificate', true);
  }
  if (has(TLS_VERSION_CODES) || /wrong version number|unsupported protocol|protocol version|no protocols available|version too low/i.test(text)) {
    return result('tls', 'tls_version', true);
  }
  if (code === 'ETLS' || code === 'STARTTLS_INJECTION' || imapCode === 'PRIVACYREQUIRED' || smtp === 530 || smtp === 538) {
    return /must issue a starttls|encryption required|privacy/i.test(text) || smtp === 530 || smtp === 538 || imapCode === 'PRIVACYREQUIRED'
      ? result('tls', 'tls_required', true)
      : result('tls', 'tls_version', true);
  }

  if (has(TIMEOUT_CODES) || /timed? ?out/i.test(e.message ?? '')) return result('network', 'timeout', true);
  if (has(NOT_FOUND_CODES) || (code === 'EDNS' && !original)) return result('host', 'host_not_found', true);
  if (codes.includes('ECONNREFUSED')) return result('host', 'connection_refused', true);
  if (has(UNREACHABLE_CODES) || codes.includes('EAI_AGAIN')) return result('network', 'host_unreachable', true);

  // Dovecot says "[UNAVAILABLE] Temporary authentication failure": not the user's password.
  if (imapCode === 'UNAVAILABLE' || imapCode === 'SERVERBUG' || imapCode === 'INUSE') return result('network', 'server_unavailable', true);

  const authFailure =
    e.authenticationFailed === true ||
    ['AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'CONTACTADMIN'].includes(imapCode) ||
    code === 'EAUTH' ||
    code === 'ENOAUTH' ||
    smtp === 534 ||
    smtp === 535;
  if (authFailure) return classifyAuth(text, provider);

  if (smtp >= 500) return result('permanent', 'rejected', false, `${MESSAGES.rejected} ${serverSaid(e)}`.trim());
  if (has(LOST_CODES)) return result('network', 'connection_lost', true);
  return result('network', 'unknown', true);
}

function classifyAuth(text: string, provider: ProviderHint | undefined): ClassifiedError {
  if (/application-specific password|app(lication)? password|InvalidSecondFactor|5\.7\.9\b/i.test(text)) {
    const hint = provider ? PROVIDER_APP_PASSWORD_HINTS[provider] : undefined;
    return result('auth', 'app_password_required', false, hint ? `${MESSAGES.app_password_required} ${hint}` : undefined);
  }
  if (/log ?in via your web browser|WebLoginRequired|5\.7\.14\b/i.test(text)) return result('auth', 'web_login_required', false);
  if (/basic auth(entication)? is disabled|SmtpClientAuthentication is disabled|5\.7\.139\b|BasicAuthBlocked|LOGIN is disabled/i.test(text)) {
    return result('auth', 'password_login_disabled', false);
  }
  const hint = provider ? PROVIDER_APP_PASSWORD_HINTS[provider] : undefined;
  return result('auth', 'wrong_credentials', false, hint ? `${MESSAGES.wrong_credentials} ${hint}` : undefined);
}

// RFC 6749 section 5.2 error codes from the token endpoint.
function classifyOAuth(e: ErrorDescription, text: string): ClassifiedError {
  const code = e.code ?? /\b(invalid_grant|invalid_client|unauthorized_client|invalid_scope|temporarily_unavailable|server_error)\b/.exec(text)?.[1] ?? '';
  const status = e.responseCode ?? 0;
  if (code === 'invalid_grant') return result('auth', 'access_revoked', false);
  if (status === 429 || code === 'slow_down') return result('throttled', 'throttled', true);
  if (code === 'invalid_client' || code === 'unauthorized_client' || code === 'invalid_scope') return result('permanent', 'oauth_misconfigured', false);
  if (TIMEOUT_CODES.has(code)) return result('network', 'timeout', true);
  if (NOT_FOUND_CODES.has(code) || code === 'ECONNREFUSED') return result('network', 'host_unreachable', true);
  if (status >= 500 || code === 'temporarily_unavailable' || code === 'server_error') return result('network', 'server_unavailable', true);
  if (status === 400 || status === 401) return result('auth', 'access_revoked', false);
  return result('network', 'unknown', true);
}

function serverSaid(e: ErrorDescription): string {
  const said = (e.response ?? e.responseText ?? '').replace(/[\r\n]+/g, ' ').trim().slice(0, 200);
  return said ? `The server said: “${said}”` : '';
}

const readString = (o: Record<string, unknown>, key: string) => (typeof o[key] === 'string' ? (o[key] as string) : undefined);

// Reads the fields this module needs off any thrown value, without importing the libraries.
export function describeError(err: unknown, source: ErrorDescription['source']): ErrorDescription {
  if (typeof err !== 'object' || err === null) return { source, message: typeof err === 'string' ? err : undefined };
  const o = err as Record<string, unknown>;
  // OAuth client libraries put the RFC 6749 `error` in a body object or the message.
  const body = typeof o.body === 'object' && o.body !== null ? (o.body as Record<string, unknown>) : typeof o.data === 'object' && o.data !== null ? (o.data as Record<string, unknown>) : {};
  const oauthCode = readString(o, 'error') ?? readString(body, 'error');
  const responseCode = typeof o.responseCode === 'number' ? o.responseCode : typeof o.status === 'number' ? o.status : typeof o.statusCode === 'number' ? o.statusCode : undefined;
  const description: ErrorDescription = { source };
  const code = source === 'oauth' ? (oauthCode ?? readString(o, 'code')) : readString(o, 'code');
  if (code) description.code = code;
  const originalCode = readString(o, 'originalCode');
  if (originalCode) description.originalCode = originalCode;
  if (responseCode !== undefined) description.responseCode = responseCode;
  const response = readString(o, 'response') ?? readString(body, 'error_description');
  if (response) description.response = response;
  const responseText = readString(o, 'responseText');
  if (responseText) description.responseText = responseText;
  const message = readString(o, 'message');
  if (message) description.message = message;
  if (o.authenticationFailed === true) description.authenticationFailed = true;
  const serverResponseCode = readString(o, 'serverResponseCode');
  if (serverResponseCode) description.serverResponseCode = serverResponseCode;
  return description;
}
