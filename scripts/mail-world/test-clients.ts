import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import nodemailer from 'nodemailer';
import type { MailWorldInfo } from './types';

// Small client factories for tests and scripts that talk to the mail world with the real libraries.

export type ImapAuth = { user: string; pass: string } | { user: string; accessToken: string };

export function imapClient(info: MailWorldInfo, port: number, auth: ImapAuth, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({ host: info.host, port, secure: false, auth, logger: false, tls: { ca: info.caPem }, ...extra });
}

export async function withImap<T>(info: MailWorldInfo, port: number, auth: ImapAuth, fn: (c: ImapFlow) => Promise<T>, extra: Partial<ImapFlowOptions> = {}): Promise<T> {
  const client = imapClient(info, port, auth, extra);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export function smtpTransport(info: MailWorldInfo, auth: { user: string; pass: string } | { user: string; accessToken: string }, port = info.smtp.plainPort) {
  const a = 'pass' in auth ? { user: auth.user, pass: auth.pass } : { type: 'OAuth2' as const, user: auth.user, accessToken: auth.accessToken };
  return nodemailer.createTransport({ host: info.host, port, secure: port === info.smtp.tlsPort, auth: a, tls: { ca: info.caPem } });
}
