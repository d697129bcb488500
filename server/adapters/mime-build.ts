import MailComposer from 'nodemailer/lib/mail-composer';
import type { Readable } from 'node:stream';

// Builds the raw RFC 5322 message of an outgoing email ONCE, so the very same bytes go to SMTP DATA and
// to the sent-folder APPEND (PRODUCT #10): one Message-ID, one body, one set of MIME boundaries.

export type MimeAddress = { address: string; name?: string };
export type MimeAttachment = { filename: string; contentType: string; content: Readable | Buffer };

export type MimeInput = {
  from: MimeAddress;
  to: MimeAddress[];
  cc: MimeAddress[];
  subject: string;
  html: string;
  text: string;
  /** Without angle brackets; written as `<id>`. */
  messageId: string;
  /** Wire values (with brackets), or null for a new email (PRODUCT #11: a new email carries no old references). */
  inReplyTo: string | null;
  references: string | null;
  date: Date;
  attachments: MimeAttachment[];
};

// RFC 5322 + RFC 2045-2049: multipart/alternative (plain + HTML) inside multipart/mixed when attachments exist.
// Bcc is deliberately not written: it travels in the SMTP envelope only, so no recipient sees it.
export async function buildRawMessage(input: MimeInput): Promise<Buffer> {
  const composer = new MailComposer({
    from: input.from.name ? { name: input.from.name, address: input.from.address } : input.from.address,
    to: input.to.map((a) => (a.name ? { name: a.name, address: a.address } : a.address)),
    cc: input.cc.length ? input.cc.map((a) => (a.name ? { name: a.name, address: a.address } : a.address)) : undefined,
    subject: input.subject,
    messageId: `<${input.messageId}>`,
    inReplyTo: input.inReplyTo ?? undefined,
    references: input.references ?? undefined,
    date: input.date,
    text: input.text,
    html: input.html,
    attachments: input.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: { 'X-Mailer': 'Mailroom' },
  });
  return new Promise<Buffer>((resolve, reject) => {
    composer.compile().build((err, message) => (err ? reject(err) : resolve(message)));
  });
}
