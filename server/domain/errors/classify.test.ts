import { describe, expect, it } from 'vitest';
import { classifyMailError, describeError, type ErrorDescription, type ErrorKind, type ErrorReason } from './classify';

// Shapes below are what imapflow 2.10 and nodemailer 10.6 actually set (read from their sources).
describe('classifyMailError', () => {
  it.each<[string, ErrorDescription, ErrorKind, ErrorReason]>([
    // auth: imapflow
    ['imapflow LOGIN refused', { source: 'imap', message: 'Command failed', authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED', response: 'NO [AUTHENTICATIONFAILED] Authentication failed.' }, 'auth', 'wrong_credentials'],
    ['imapflow AuthenticationFailure', { source: 'imap', message: 'Authentication failed', authenticationFailed: true }, 'auth', 'wrong_credentials'],
    ['Yahoo invalid credentials', { source: 'imap', authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED', response: '3 NO [AUTHENTICATIONFAILED] AUTHENTICATE Invalid credentials' }, 'auth', 'wrong_credentials'],
    ['IMAP AUTHORIZATIONFAILED', { source: 'imap', serverResponseCode: 'AUTHORIZATIONFAILED' }, 'auth', 'wrong_credentials'],
    ['IMAP password EXPIRED', { source: 'imap', response: 'NO [EXPIRED] Password expired' }, 'auth', 'wrong_credentials'],
    ['Gmail IMAP app password', { source: 'imap', authenticationFailed: true, serverResponseCode: 'ALERT', response: 'NO [ALERT] Application-specific password required: https://support.google.com/accounts/answer/185833 (Failure)' }, 'auth', 'app_password_required'],
    ['Gmail IMAP web login', { source: 'imap', authenticationFailed: true, response: 'NO [ALERT] Please log in via your web browser: https://support.google.com/mail/accounts/answer/78754 (Failure)' }, 'auth', 'web_login_required'],
    ['Outlook IMAP LOGIN failed', { source: 'imap', authenticationFailed: true, response: 'NO LOGIN failed.' }, 'auth', 'wrong_credentials'],
    // auth: nodemailer
    ['nodemailer 535', { source: 'smtp', code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', message: 'Invalid login: 535 5.7.8 Error: authentication failed' }, 'auth', 'wrong_credentials'],
    ['Gmail SMTP 534-5.7.9', { source: 'smtp', code: 'EAUTH', responseCode: 534, response: '534-5.7.9 Application-specific password required. Learn more at\n534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor' }, 'auth', 'app_password_required'],
    ['Gmail SMTP 534-5.7.14', { source: 'smtp', code: 'EAUTH', responseCode: 534, response: '534-5.7.14 <https://accounts.google.com/signin/continue?...> Please log in via your web browser and then try again.' }, 'auth', 'web_login_required'],
    ['Office 365 SMTP AUTH disabled', { source: 'smtp', code: 'EAUTH', responseCode: 535, response: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.' }, 'auth', 'password_login_disabled'],
    ['Outlook basic auth disabled', { source: 'smtp', code: 'EAUTH', responseCode: 535, response: '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.' }, 'auth', 'password_login_disabled'],
    ['nodemailer missing credentials', { source: 'smtp', code: 'EAUTH', message: 'Missing credentials for "PLAIN"' }, 'auth', 'wrong_credentials'],
    ['nodemailer ENOAUTH', { source: 'smtp', code: 'ENOAUTH' }, 'auth', 'wrong_credentials'],
    // oauth
    ['OAuth invalid_grant', { source: 'oauth', code: 'invalid_grant', responseCode: 400, response: 'Token has been expired or revoked.' }, 'auth', 'access_revoked'],
    ['OAuth invalid_grant in text', { source: 'oauth', responseCode: 400, message: '{"error":"invalid_grant","error_description":"AADSTS70000"}' }, 'auth', 'access_revoked'],
    ['OAuth 429', { source: 'oauth', responseCode: 429 }, 'throttled', 'throttled'],
    ['OAuth slow_down', { source: 'oauth', code: 'slow_down', responseCode: 400 }, 'throttled', 'throttled'],
    ['OAuth invalid_client', { source: 'oauth', code: 'invalid_client', responseCode: 401 }, 'permanent', 'oauth_misconfigured'],
    ['OAuth 503', { source: 'oauth', responseCode: 503 }, 'network', 'server_unavailable'],
    ['OAuth timeout', { source: 'oauth', code: 'ETIMEDOUT' }, 'network', 'timeout'],
    ['OAuth DNS', { source: 'oauth', code: 'ENOTFOUND' }, 'network', 'host_unreachable'],
    ['OAuth bare 401', { source: 'oauth', responseCode: 401 }, 'auth', 'access_revoked'],
    ['OAuth unknown', { source: 'oauth', message: 'weird' }, 'network', 'unknown'],
    // host / network
    ['DNS not found', { source: 'net', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND imap.example.invalid' }, 'host', 'host_not_found'],
    ['nodemailer EDNS', { source: 'smtp', code: 'EDNS', originalCode: 'ENOTFOUND' }, 'host', 'host_not_found'],
    ['nodemailer EDNS bare', { source: 'smtp', code: 'EDNS' }, 'host', 'host_not_found'],
    ['refused', { source: 'imap', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 1.2.3.4:993' }, 'host', 'connection_refused'],
    ['nodemailer ESOCKET refused', { source: 'smtp', code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, 'host', 'connection_refused'],
    ['host unreachable', { source: 'net', code: 'EHOSTUNREACH' }, 'network', 'host_unreachable'],
    ['net unreachable', { source: 'net', code: 'ENETUNREACH' }, 'network', 'host_unreachable'],
    ['DNS temporary', { source: 'net', code: 'EAI_AGAIN' }, 'network', 'host_unreachable'],
    ['reset', { source: 'imap', code: 'ECONNRESET' }, 'network', 'connection_lost'],
    ['imapflow NoConnection', { source: 'imap', code: 'NoConnection', message: 'Connection not available' }, 'network', 'connection_lost'],
    ['imapflow ClosedAfterConnectTLS', { source: 'imap', code: 'ClosedAfterConnectTLS' }, 'network', 'connection_lost'],
    ['nodemailer ECONNECTION', { source: 'smtp', code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'network', 'connection_lost'],
    // timeouts
    ['node ETIMEDOUT', { source: 'net', code: 'ETIMEDOUT' }, 'network', 'timeout'],
    ['imapflow ETIMEOUT', { source: 'imap', code: 'ETIMEOUT', message: 'Socket timeout' }, 'network', 'timeout'],
    ['imapflow CONNECT_TIMEOUT', { source: 'imap', code: 'CONNECT_TIMEOUT', message: 'Failed to establish connection in required time' }, 'network', 'timeout'],
    ['imapflow GREETING_TIMEOUT', { source: 'imap', code: 'GREETING_TIMEOUT' }, 'network', 'timeout'],
    ['imapflow UPGRADE_TIMEOUT', { source: 'imap', code: 'UPGRADE_TIMEOUT' }, 'network', 'timeout'],
    ['nodemailer ETIMEDOUT greeting', { source: 'smtp', code: 'ETIMEDOUT', message: 'Greeting never received' }, 'network', 'timeout'],
    ['nodemailer ESOCKET timeout', { source: 'smtp', code: 'ESOCKET', message: 'Socket timed out' }, 'network', 'timeout'],
    // tls
    ['expired cert', { source: 'imap', code: 'CERT_HAS_EXPIRED', message: 'certificate has expired' }, 'tls', 'tls_certificate'],
    ['self-signed leaf', { source: 'imap', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'tls', 'tls_certificate'],
    ['self-signed chain', { source: 'imap', code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'tls', 'tls_certificate'],
    ['unverifiable leaf', { source: 'imap', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'tls', 'tls_certificate'],
    ['altname mismatch', { source: 'imap', code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: "Hostname/IP does not match certificate's altnames" }, 'tls', 'tls_certificate'],
    ['nodemailer ESOCKET cert', { source: 'smtp', code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED' }, 'tls', 'tls_certificate'],
    ['self signed by message only', { source: 'smtp', code: 'ESOCKET', message: 'self-signed certificate' }, 'tls', 'tls_certificate'],
    ['wrong version number', { source: 'imap', code: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'tls', 'tls_version'],
    ['EPROTO wrong version text', { source: 'smtp', code: 'ESOCKET', originalCode: 'EPROTO', message: 'routines:ssl3_get_record:wrong version number' }, 'tls', 'tls_version'],
    ['unsupported protocol', { source: 'imap', code: 'ERR_SSL_UNSUPPORTED_PROTOCOL', message: 'unsupported protocol' }, 'tls', 'tls_version'],
    ['protocol version alert', { source: 'imap', code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }, 'tls', 'tls_version'],
    ['nodemailer ETLS', { source: 'smtp', code: 'ETLS', message: 'Error initiating TLS - boom' }, 'tls', 'tls_version'],
    ['SMTP 530 STARTTLS first', { source: 'smtp', code: 'EAUTH', responseCode: 530, response: '530 5.7.0 Must issue a STARTTLS command first.' }, 'tls', 'tls_required'],
    ['SMTP 454 TLS not available', { source: 'smtp', responseCode: 454, response: '454 4.7.0 TLS not available due to local problem' }, 'tls', 'tls_required'],
    ['IMAP PRIVACYREQUIRED', { source: 'imap', authenticationFailed: true, serverResponseCode: 'PRIVACYREQUIRED' }, 'tls', 'tls_required'],
    // throttled
    ['IMAP THROTTLED', { source: 'imap', response: 'NO [THROTTLED] Too many requests' }, 'throttled', 'throttled'],
    ['IMAP THROTTLED via code', { source: 'imap', serverResponseCode: 'THROTTLED', authenticationFailed: true }, 'throttled', 'throttled'],
    ['IMAP UNAVAILABLE too many', { source: 'imap', authenticationFailed: true, response: 'NO [UNAVAILABLE] Too many simultaneous connections' }, 'throttled', 'throttled'],
    ['IMAP LIMIT', { source: 'imap', serverResponseCode: 'LIMIT' }, 'throttled', 'throttled'],
    ['imapflow ETHROTTLE', { source: 'imap', code: 'ETHROTTLE', message: 'Request is throttled. Suggested Backoff Time: 92415 milliseconds' }, 'throttled', 'throttled'],
    ['SMTP 421', { source: 'smtp', code: 'ECONNECTION', responseCode: 421, response: '421 4.7.0 Try again later, closing connection.' }, 'throttled', 'throttled'],
    ['SMTP 450', { source: 'smtp', code: 'EENVELOPE', responseCode: 450, response: '450 4.2.1 The user you are trying to contact is receiving mail too quickly' }, 'throttled', 'throttled'],
    ['SMTP 451', { source: 'smtp', code: 'EMESSAGE', responseCode: 451, response: '451 4.3.0 Temporary local problem' }, 'throttled', 'throttled'],
    ['SMTP 452', { source: 'smtp', code: 'EENVELOPE', responseCode: 452, response: '452 4.5.3 Too many recipients' }, 'throttled', 'throttled'],
    ['Gmail SMTP 454 too many logins', { source: 'smtp', code: 'EAUTH', responseCode: 454, response: '454 4.7.0 Too many login attempts, please try again later.' }, 'throttled', 'throttled'],
    // server side, not credentials
    ['Dovecot temporary auth failure', { source: 'imap', authenticationFailed: true, response: 'NO [UNAVAILABLE] Temporary authentication failure.' }, 'network', 'server_unavailable'],
    ['IMAP SERVERBUG', { source: 'imap', response: 'NO [SERVERBUG] Internal error occurred.' }, 'network', 'server_unavailable'],
    // permanent
    ['SMTP 550', { source: 'smtp', code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 User unknown' }, 'permanent', 'rejected'],
    ['SMTP 552', { source: 'smtp', code: 'EMESSAGE', responseCode: 552, response: '552 5.3.4 Message size exceeds fixed limit' }, 'permanent', 'rejected'],
    ['SMTP 554', { source: 'smtp', code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 Message rejected as spam' }, 'permanent', 'rejected'],
    // unknown
    ['unknown', { source: 'imap', message: 'Something odd' }, 'network', 'unknown'],
    ['empty', { source: 'net' }, 'network', 'unknown'],
  ])('%s → %s/%s', (_name, description, kind, reason) => {
    const classified = classifyMailError(description);
    expect(classified.kind).toBe(kind);
    expect(classified.reason).toBe(reason);
    expect(classified.retryable).toBe(kind !== 'auth' && kind !== 'permanent');
    expect(classified.message.length).toBeGreaterThan(20);
  });

  it('only auth refusals produce kind auth: a lost connection during LOGIN is not one', () => {
    // imapflow leaves authenticationFailed unset when the socket dies mid-LOGIN.
    expect(classifyMailError({ source: 'imap', code: 'NoConnection', message: 'Connection not available' }).kind).toBe('network');
  });

  it('quotes the server on a permanent rejection, flattened and truncated', () => {
    const classified = classifyMailError({ source: 'smtp', responseCode: 550, response: `550 5.1.1 ${'x'.repeat(500)}\r\nmore` });
    expect(classified.message).toMatch(/^The mail server rejected the request\. The server said: “550 5\.1\.1 x+”$/);
    expect(classified.message).not.toMatch(/[\r\n]/);
    expect(classified.message.length).toBeLessThan(300);
  });

  it.each([
    ['yahoo', /Yahoo only accepts an app password/],
    ['icloud', /app-specific password/],
    ['fastmail', /Fastmail only accepts an app password/],
    ['gmail', /Gmail only accepts an app password/],
    ['outlook', /Connect with Microsoft/],
  ] as const)('a wrong password at %s hints at what that provider needs', (provider, hint) => {
    const classified = classifyMailError({ source: 'imap', authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' }, provider);
    expect(classified.reason).toBe('wrong_credentials');
    expect(classified.message).toMatch(/^The username or password was not accepted\./);
    expect(classified.message).toMatch(hint);
  });

  it('app-password messages name the provider when known', () => {
    const classified = classifyMailError({ source: 'smtp', code: 'EAUTH', responseCode: 534, response: '534-5.7.9 Application-specific password required.' }, 'gmail');
    expect(classified.message).toMatch(/requires an app password.*Gmail only accepts an app password/);
  });
});

describe('describeError', () => {
  it('reads an imapflow LOGIN error', () => {
    const err = Object.assign(new Error('Command failed'), {
      response: 'NO [AUTHENTICATIONFAILED] Authentication failed.',
      responseStatus: 'NO',
      responseText: 'Authentication failed.',
      serverResponseCode: 'AUTHENTICATIONFAILED',
      authenticationFailed: true,
    });
    expect(describeError(err, 'imap')).toEqual({
      source: 'imap',
      message: 'Command failed',
      response: 'NO [AUTHENTICATIONFAILED] Authentication failed.',
      responseText: 'Authentication failed.',
      serverResponseCode: 'AUTHENTICATIONFAILED',
      authenticationFailed: true,
    });
  });

  it('reads a nodemailer socket error with its original code', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' });
    const description = describeError(err, 'smtp');
    expect(description).toEqual({ source: 'smtp', code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:2525' });
    expect(classifyMailError(description).reason).toBe('connection_refused');
  });

  it('reads an OAuth token error body', () => {
    const err = Object.assign(new Error('Bad Request'), { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
    const description = describeError(err, 'oauth');
    expect(description).toMatchObject({ source: 'oauth', code: 'invalid_grant', responseCode: 400, response: 'Token has been expired or revoked.' });
    expect(classifyMailError(description)).toMatchObject({ kind: 'auth', reason: 'access_revoked' });
  });

  it.each([[null], [undefined], [42], ['plain string']])('copes with a non-object thrown value %j', (value) => {
    const description = describeError(value, 'net');
    expect(description.source).toBe('net');
    expect(classifyMailError(description).kind).toBe('network');
  });
});
