import pino from 'pino';

// Secrets and mail content never reach logs (PRODUCT #12, #19): these paths are censored wherever they appear.
export const redactPaths = [
  'password', '*.password', 'pass', '*.pass', 'credentials', '*.credentials',
  'accessToken', '*.accessToken', 'refreshToken', '*.refreshToken', 'access_token', '*.access_token', 'refresh_token', '*.refresh_token',
  'token', '*.token', 'authorization', '*.authorization', 'headers.authorization', 'cookie', '*.cookie',
  'body', '*.body', 'bodyText', '*.bodyText', 'bodyHtml', '*.bodyHtml', 'html', '*.html', 'text', '*.text', 'raw', '*.raw',
  'subject', '*.subject', 'from', '*.from', 'to', '*.to', 'cc', '*.cc', 'bcc', '*.bcc', 'address', '*.address', 'email', '*.email',
];

export type Logger = pino.Logger;

export function createLogger(opts: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    { name: opts.name ?? 'mailroom', level: opts.level ?? process.env.LOG_LEVEL ?? 'info', redact: { paths: redactPaths, censor: '[redacted]' }, base: { pid: process.pid } },
    opts.destination,
  );
}
