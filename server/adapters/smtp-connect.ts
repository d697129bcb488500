import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { checkEndpoint, mailNetworkPolicy, tlsOptions } from './mail-network';
import { DEFAULT_CONNECT_TIMEOUT_MS, MailTimeoutError, type ConnectOptions, type MailAuth, type MailSecurity } from './imap-connect';

// The one way the app opens SMTP (PRODUCT #1, #19): SSRF-checked address, verified TLS, XOAUTH2 or
// password, time limits. nodemailer's logger stays off: it would print the AUTH exchange.

export type SmtpTarget = { host: string; port: number; security: MailSecurity; username: string; auth: MailAuth };
export type SmtpTransport = Transporter<SMTPTransport.SentMessageInfo, SMTPTransport.Options>;

// Builds a transport bound to the checked address; call again for each connect so the check repeats.
export async function createSmtpTransport(target: SmtpTarget, opts: ConnectOptions = {}): Promise<SmtpTransport> {
  const policy = opts.policy ?? mailNetworkPolicy();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const endpoint = await checkEndpoint('smtp', target.host, target.port, policy);
  return nodemailer.createTransport({
    host: endpoint.address,
    port: target.port,
    secure: target.security === 'tls',
    requireTLS: target.security === 'starttls',
    ignoreTLS: target.security === 'none',
    auth:
      target.auth.kind === 'password'
        ? { user: target.username, pass: target.auth.password }
        : { type: 'OAuth2', user: target.username, accessToken: target.auth.accessToken },
    tls: tlsOptions(policy, endpoint.servername),
    connectionTimeout: timeoutMs,
    greetingTimeout: Math.min(timeoutMs, 15_000),
    socketTimeout: 2 * 60_000,
    logger: false,
    debug: false,
  });
}

// Issue 4: a real SMTP AUTH within the time limit; rejects with nodemailer's error (see describeError).
export async function verifySmtp(target: SmtpTarget, opts: ConnectOptions = {}): Promise<void> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const transport = await createSmtpTransport(target, opts);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      transport.verify(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new MailTimeoutError('SMTP connection')), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
