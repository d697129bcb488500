import { z } from 'zod';
import { normalizeHostname } from './hostname';
import { POP3_EXPLANATION, detectPop3 } from './pop3';
import { parseEmailAddress } from '../send/address-syntax';

// Issue 4 "Bad input": the "Other (IMAP/SMTP)" form (PRODUCT #2), shared by client and server.

export const transportSecurityValues = ['tls', 'starttls', 'none'] as const;
export type TransportSecurity = (typeof transportSecurityValues)[number];

/** Standard ports the SSRF guard lets the server connect to (issue 4 "allowed ports only"). */
export const ALLOWED_IMAP_PORTS: readonly number[] = [143, 993];
export const ALLOWED_SMTP_PORTS: readonly number[] = [25, 465, 587, 2525];

export type ConnectionSettingsOptions = {
  /** Extra ports for dev and tests (the local mail world); never user-controlled. */
  extraAllowedPorts?: readonly number[];
  /** Permit security "none" (dev and tests only); PRODUCT #19 requires TLS otherwise. */
  allowInsecure?: boolean;
};

export type ConnectionSettings = {
  email: string;
  imapHost: string;
  imapPort: number;
  imapSecurity: TransportSecurity;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: TransportSecurity;
  username: string;
  password: string;
};

export type ConnectionSettingsField = keyof ConnectionSettings;

export type ConnectionSettingsResult =
  | { ok: true; value: ConnectionSettings }
  | { ok: false; fieldErrors: Partial<Record<ConnectionSettingsField, string>>; pop3: boolean };

const MAX_TEXT = 320;
const MAX_PASSWORD = 1024;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

// Issue 4: is this port one the server may connect to for this protocol?
export function isAllowedPort(protocol: 'imap' | 'smtp', port: number, extra: readonly number[] = []): boolean {
  const standard = protocol === 'imap' ? ALLOWED_IMAP_PORTS : ALLOWED_SMTP_PORTS;
  return standard.includes(port) || extra.includes(port);
}

const tooLong = (max: number) => `This is too long (at most ${max} characters).`;

const hostField = z
  .string({ error: 'Enter the server name.' })
  .max(MAX_TEXT * 4, tooLong(253))
  .transform((value, ctx) => {
    const result = normalizeHostname(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.hostname;
  });

const portField = (protocol: 'imap' | 'smtp', options: ConnectionSettingsOptions) =>
  z
    .union([z.number(), z.string().max(10).regex(/^\s*\d+\s*$/).transform(Number)], { error: 'Enter a port number, for example 993.' })
    .transform((port, ctx) => {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: 'Enter a port number between 1 and 65535.' });
        return z.NEVER;
      }
      if (protocol === 'imap' && detectPop3({ port }).pop3) {
        ctx.addIssue({ code: 'custom', message: POP3_EXPLANATION });
        return z.NEVER;
      }
      if (!isAllowedPort(protocol, port, options.extraAllowedPorts)) {
        const list = (protocol === 'imap' ? ALLOWED_IMAP_PORTS : ALLOWED_SMTP_PORTS).join(', ');
        ctx.addIssue({ code: 'custom', message: `Port ${port} can’t be used for ${protocol.toUpperCase()}. Use one of: ${list}.` });
        return z.NEVER;
      }
      return port;
    });

const securityField = (options: ConnectionSettingsOptions) =>
  z.enum(transportSecurityValues, { error: 'Choose SSL/TLS or STARTTLS.' }).refine((v) => v !== 'none' || options.allowInsecure === true, {
    message: 'Choose SSL/TLS or STARTTLS: your password must not travel unencrypted.',
  });

// Issue 4: zod schema for the form; pass options for dev/test ports and insecure transport.
export function makeConnectionSettingsSchema(options: ConnectionSettingsOptions = {}) {
  return z.object({
    email: z
      .string({ error: 'Enter your email address.' })
      .max(MAX_TEXT * 2, tooLong(254))
      .transform((value, ctx) => {
        const parsed = parseEmailAddress(value);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.message });
          return z.NEVER;
        }
        return parsed.address;
      }),
    imapHost: hostField.refine((host) => !detectPop3({ host }).pop3, { message: POP3_EXPLANATION }),
    imapPort: portField('imap', options),
    imapSecurity: securityField(options),
    smtpHost: hostField,
    smtpPort: portField('smtp', options),
    smtpSecurity: securityField(options),
    username: z
      .string({ error: 'Enter your username (usually your email address).' })
      .max(MAX_TEXT, tooLong(MAX_TEXT))
      .refine((v) => !INVISIBLE.test(v), 'The username contains invisible or control characters.')
      .transform((v) => v.trim())
      .refine((v) => v !== '', 'Enter your username (usually your email address).'),
    password: z
      .string({ error: 'Enter your password.' })
      .max(MAX_PASSWORD, tooLong(MAX_PASSWORD))
      // IMAP LOGIN and SMTP AUTH cannot carry line breaks or NUL; spaces are kept (app passwords have them).
      .refine((v) => !/[\r\n\0]/.test(v), 'The password contains a line break or control character. Paste it again.')
      .refine((v) => v.trim() !== '', 'Enter your password.'),
  });
}

/** The schema with production defaults (standard ports, TLS required), for the client form. */
export const connectionSettingsSchema = makeConnectionSettingsSchema();

// Issue 4: validate the form into normalised settings or one plain message per field.
export function parseConnectionSettings(input: unknown, options: ConnectionSettingsOptions = {}): ConnectionSettingsResult {
  const result = makeConnectionSettingsSchema(options).safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const fieldErrors: Partial<Record<ConnectionSettingsField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && !(field in fieldErrors)) fieldErrors[field as ConnectionSettingsField] = issue.message;
  }
  const pop3 = Object.values(fieldErrors).includes(POP3_EXPLANATION);
  return { ok: false, fieldErrors, pop3 };
}
