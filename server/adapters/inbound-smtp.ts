import { SMTPServer } from 'smtp-server';
import addressparser from 'nodemailer/lib/addressparser';

// The inbound SMTP listener behind the BCC/forward logging address (issue 6). It only speaks SMTP: who
// may send, to which address, and what happens to the bytes is decided by the handlers (services/send).
// Bound to 127.0.0.1: a real MX/relay in front of it does TLS and spam filtering.

export type InboundVerdict = { ok: true } | { ok: false; code: number; message: string };

export type InboundMessage = {
  envelopeFrom: string | null;
  recipients: string[];
  /** Header From addresses, read from the header block. */
  headerFrom: string[];
  /** The message, or its first `keepBytes` bytes when it was larger. */
  raw: Buffer;
  size: number;
  truncated: boolean;
};

export type InboundHandlers = {
  checkRecipient: (address: string) => Promise<InboundVerdict>;
  onMessage: (m: InboundMessage) => Promise<InboundVerdict>;
};

export type InboundOptions = {
  port: number;
  host?: string;
  /** Bytes kept for handling; anything larger is counted but not buffered. */
  keepBytes: number;
  /** Hard transport cap (SIZE); above it the server refuses the DATA outright. */
  maxBytes?: number;
  onError?: (err: Error) => void;
};

// RFC 5322 §2.2: header block ends at the first empty line; unfold, then read From.
export function headerFromAddresses(raw: Buffer): string[] {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const line = header.split(/\r?\n/).find((l) => /^from\s*:/i.test(l));
  if (!line) return [];
  const parsed = addressparser(line.slice(line.indexOf(':') + 1), { flatten: true }) as Array<{ address?: string }>;
  return parsed.map((a) => (a.address ?? '').trim().toLowerCase()).filter((a) => a.includes('@'));
}

const smtpError = (v: Extract<InboundVerdict, { ok: false }>) => Object.assign(new Error(v.message), { responseCode: v.code });

export async function startInboundSmtp(opts: InboundOptions, handlers: InboundHandlers): Promise<{ port: number; stop: () => Promise<void> }> {
  const server = new SMTPServer({
    name: 'mailroom-inbound',
    banner: 'Mailroom logging address',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: opts.maxBytes ?? 40 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      handlers
        .checkRecipient(address.address)
        .then((v) => (v.ok ? callback() : callback(smtpError(v))))
        .catch((err: Error) => callback(Object.assign(new Error('4.3.0 Temporary failure, try again later'), { responseCode: 451, cause: err })));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let kept = 0;
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (kept < opts.keepBytes + 1) {
          const part = c.subarray(0, opts.keepBytes + 1 - kept);
          chunks.push(part);
          kept += part.length;
        }
      });
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const message: InboundMessage = {
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null,
          recipients: session.envelope.rcptTo.map((r) => r.address),
          headerFrom: headerFromAddresses(raw),
          raw,
          size,
          truncated: size > raw.length,
        };
        handlers
          .onMessage(message)
          .then((v) => (v.ok ? callback() : callback(smtpError(v))))
          .catch((err: Error) => {
            opts.onError?.(err);
            callback(Object.assign(new Error('4.3.0 Temporary failure, try again later'), { responseCode: 451 }));
          });
      });
    },
  });
  server.on('error', (err) => opts.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return { port, stop: () => new Promise<void>((r) => server.close(() => r())) };
}
