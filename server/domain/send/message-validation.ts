import { addressKey, parseEmailAddress } from './address-syntax';

// Issue 6 "Bad input": what the composer may hand to the outbox. Header injection, bad or duplicate
// recipients, too many recipients, oversized attachments and empty messages become field errors.

export type RecipientInput = { address: string; name?: string | null };
export type AttachmentInput = { filename: string; size: number };

export type MessageInput = {
  to: readonly RecipientInput[];
  cc?: readonly RecipientInput[];
  bcc?: readonly RecipientInput[];
  subject: string;
  text?: string | null;
  html?: string | null;
  attachments?: readonly AttachmentInput[];
};

export type MessageField = 'to' | 'cc' | 'bcc' | 'subject' | 'body' | 'attachments';
export type FieldError = { field: MessageField; message: string };

export type Recipient = { address: string; name: string | null };
export type ValidMessage = {
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  text: string | null;
  html: string | null;
  attachments: AttachmentInput[];
  attachmentBytes: number;
};

export type MessageValidation = { ok: true; value: ValidMessage } | { ok: false; errors: FieldError[] };

export type MessageLimits = { maxRecipients: number; maxAttachmentBytes: number; maxSubjectLength: number; maxNameLength: number };

/** Shown in the composer: 25 MB total is what Gmail and Office 365 accept. */
export const DEFAULT_MESSAGE_LIMITS: MessageLimits = { maxRecipients: 100, maxAttachmentBytes: 25 * 1024 * 1024, maxSubjectLength: 998, maxNameLength: 200 };

// CR, LF and NUL end a header line early (RFC 5322 2.2); other controls are never legitimate in headers.
const HEADER_BREAKERS = /[\r\n\0\u2028\u2029]/;
const HEADER_CONTROLS = /[\p{Cc}]/u;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

// Issue 6: validate a composed message before it is queued.
export function validateMessage(input: MessageInput, limits: Partial<MessageLimits> = {}): MessageValidation {
  const max = { ...DEFAULT_MESSAGE_LIMITS, ...limits };
  const errors: FieldError[] = [];
  const seen = new Map<string, MessageField>();

  const lists: [MessageField & ('to' | 'cc' | 'bcc'), readonly RecipientInput[]][] = [
    ['to', input.to],
    ['cc', input.cc ?? []],
    ['bcc', input.bcc ?? []],
  ];
  const total = lists.reduce((n, [, list]) => n + list.length, 0);
  const recipients: Record<'to' | 'cc' | 'bcc', Recipient[]> = { to: [], cc: [], bcc: [] };

  if (total > max.maxRecipients) {
    // Stop before parsing 10,000 addresses one by one: the count alone is the answer.
    errors.push({ field: 'to', message: `Too many recipients: ${total.toLocaleString('en-US')}. You can send to at most ${max.maxRecipients} people at once; use a sequence for more.` });
  } else {
    for (const [field, list] of lists) {
      for (const recipient of list) {
        const problem = recipientProblem(recipient, max.maxNameLength);
        if (problem) {
          errors.push({ field, message: problem });
          continue;
        }
        const parsed = parseEmailAddress(recipient.address);
        if (!parsed.ok) {
          errors.push({ field, message: parsed.message });
          continue;
        }
        const key = addressKey(parsed.address);
        const earlier = seen.get(key);
        if (earlier) {
          errors.push({ field, message: `${parsed.address} is already in ${earlier === field ? 'this list' : earlier.toUpperCase()}. Remove the duplicate.` });
          continue;
        }
        seen.set(key, field);
        recipients[field].push({ address: parsed.address, name: recipient.name?.trim() || null });
      }
    }
    if (input.to.length === 0) errors.push({ field: 'to', message: 'Add at least one recipient.' });
  }

  const subject = input.subject ?? '';
  if (HEADER_BREAKERS.test(subject)) errors.push({ field: 'subject', message: 'The subject cannot contain line breaks.' });
  else if (HEADER_CONTROLS.test(subject) || BIDI_CONTROLS.test(subject)) errors.push({ field: 'subject', message: 'The subject contains invisible control characters. Type it again.' });
  else if (subject.length > max.maxSubjectLength) errors.push({ field: 'subject', message: `The subject is too long (at most ${max.maxSubjectLength} characters).` });

  const text = input.text ?? null;
  const html = input.html ?? null;
  const hasBody = (text !== null && text.trim() !== '') || (html !== null && htmlHasContent(html));
  if (subject.trim() === '' && !hasBody) errors.push({ field: 'body', message: 'Write a subject or a message before sending.' });
  if ((text ?? '').includes('\0') || (html ?? '').includes('\0')) errors.push({ field: 'body', message: 'The message contains a NUL character. Paste the text again.' });

  let attachmentBytes = 0;
  for (const attachment of input.attachments ?? []) {
    if (!Number.isSafeInteger(attachment.size) || attachment.size < 0) {
      errors.push({ field: 'attachments', message: `“${safeName(attachment.filename)}” has an invalid size.` });
      continue;
    }
    if (attachment.filename.trim() === '' || HEADER_CONTROLS.test(attachment.filename) || BIDI_CONTROLS.test(attachment.filename) || attachment.filename.length > 255) {
      errors.push({ field: 'attachments', message: `The file name “${safeName(attachment.filename)}” cannot be used. Rename the file and attach it again.` });
      continue;
    }
    attachmentBytes += attachment.size;
  }
  if (attachmentBytes > max.maxAttachmentBytes) {
    errors.push({ field: 'attachments', message: `Attachments total ${megabytes(attachmentBytes)}; the limit is ${megabytes(max.maxAttachmentBytes)}.` });
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { ...recipients, subject: subject.trim(), text, html, attachments: [...(input.attachments ?? [])], attachmentBytes },
  };
}

function recipientProblem(recipient: RecipientInput, maxNameLength: number): string | null {
  if (typeof recipient.address !== 'string') return 'Enter an email address.';
  if (HEADER_BREAKERS.test(recipient.address)) return 'An email address cannot contain line breaks.';
  const name = recipient.name ?? '';
  if (HEADER_BREAKERS.test(name)) return `The name for ${recipient.address.slice(0, 100).replace(/[\r\n\0]/g, ' ')} cannot contain line breaks.`;
  if (HEADER_CONTROLS.test(name) || BIDI_CONTROLS.test(name)) return `The name for ${recipient.address.slice(0, 100)} contains invisible control characters.`;
  if (name.length > maxNameLength) return `The name for ${recipient.address.slice(0, 100)} is too long.`;
  return null;
}

// An editor's empty paragraph ("<p><br></p>") is not a message.
function htmlHasContent(html: string): boolean {
  if (/<(img|table|hr)\b/i.test(html)) return true;
  return html.replace(/<[^>]*>/g, '').replace(/&nbsp;|&#160;/gi, ' ').trim() !== '';
}

const safeName = (name: string) => name.replace(/[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu, '?').slice(0, 100);

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
