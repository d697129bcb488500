// Maps a parsed email (the plain-object shape mailparser's simpleParser returns, restated here so
// the domain does not import mailparser) to the fields an engagement keeps (PRODUCT #8: address,
// name, subject and body; issue 5: "its own copy of subject, addresses, text and sanitised-ready
// HTML"). HTML is kept as received: sanitising happens once, in the render path (issue 7).
import { normaliseAddress } from '../sync/participants';
import { parseMessageIdList, normaliseMessageId } from '../threads/message-id';
import { decodeEncodedWords } from './encoded-words';
import { sanitiseFilename } from './filename';
import { htmlToText } from './html-to-text';
import { toSingleLine, truncateText } from './truncate';

export type ParsedAddress = { address?: string | null; name?: string | null };
export type ParsedAttachment = {
  filename?: string | null;
  contentType?: string | null;
  size?: number | null;
  /** With or without angle brackets. */
  contentId?: string | null;
  contentDisposition?: string | null;
  /** mailparser: part of multipart/related. */
  related?: boolean | null;
  checksum?: string | null;
};
export type ParsedMail = {
  subject?: string | null;
  from?: readonly ParsedAddress[] | null;
  to?: readonly ParsedAddress[] | null;
  cc?: readonly ParsedAddress[] | null;
  replyTo?: readonly ParsedAddress[] | null;
  date?: Date | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string | readonly string[] | null;
  text?: string | null;
  /** mailparser uses `false` when there is no HTML part. */
  html?: string | false | null;
  attachments?: readonly ParsedAttachment[] | null;
  /** Lower-cased header names. */
  headers?: Readonly<Record<string, string | readonly string[] | null | undefined>> | null;
};

export type TimelineAddress = { address: string; name?: string };
export type TimelineAttachment = {
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
  checksum: string | null;
};
export type TimelineEmail = {
  subject: string;
  from: TimelineAddress | null;
  to: TimelineAddress[];
  cc: TimelineAddress[];
  replyTo: TimelineAddress[];
  date: Date | null;
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  threadIndex: string | null;
  text: string;
  textSource: 'text' | 'html' | 'none';
  textTruncated: boolean;
  html: string | null;
  htmlTruncated: boolean;
  attachments: TimelineAttachment[];
  attachmentsTruncated: boolean;
  /** Content-ID → index in `attachments`, for rewriting `cid:` URLs to the org's attachment URLs. */
  cidMap: Record<string, number>;
  /** `cid:` references in the HTML with no matching part (shown as broken images, not fetched). */
  missingCids: string[];
};

export type TimelineLimits = {
  subjectChars: number;
  nameChars: number;
  addressesPerField: number;
  textChars: number;
  htmlChars: number;
  attachments: number;
  filenameChars: number;
};

export const DEFAULT_TIMELINE_LIMITS: TimelineLimits = {
  subjectChars: 500,
  nameChars: 200,
  addressesPerField: 500,
  textChars: 1_000_000,
  htmlChars: 5_000_000,
  attachments: 200,
  filenameChars: 200,
};

function addresses(list: readonly ParsedAddress[] | null | undefined, limits: TimelineLimits): TimelineAddress[] {
  const out: TimelineAddress[] = [];
  for (const a of list ?? []) {
    if (out.length >= limits.addressesPerField) break;
    const address = normaliseAddress(a.address);
    if (!address) continue;
    const name = truncateText(toSingleLine(decodeEncodedWords(a.name ?? '')), limits.nameChars).text;
    out.push(name && name.toLowerCase() !== address ? { address, name } : { address });
  }
  return out;
}

function contentTypeOf(raw: string | null | undefined): string {
  const t = (raw ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/.test(t) ? t : 'application/octet-stream';
}

function cidOf(raw: string | null | undefined): string | null {
  const c = (raw ?? '').trim().replace(/^<|>$/g, '').trim();
  return c.length > 0 && c.length <= 998 && !/[\s<>"]/.test(c) ? c : null;
}

/** RFC 2392: `cid:` URLs are URL-encoded Content-IDs. */
function referencedCids(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/cid:([^"'\s)>]{1,998})/gi)) {
    const raw = m[1] as string;
    try {
      found.add(decodeURIComponent(raw));
    } catch {
      found.add(raw);
    }
  }
  return [...found];
}

function headerValue(headers: ParsedMail['headers'], name: string): string | null {
  const v = headers?.[name];
  if (v == null) return null;
  return typeof v === 'string' ? v : (v[0] ?? null);
}

// PRODUCT #8 / issue 5: the engagement's own copy of an email, with every size capped and flagged.
export function toTimeline(mail: ParsedMail, limits: TimelineLimits = DEFAULT_TIMELINE_LIMITS): TimelineEmail {
  const subject = truncateText(toSingleLine(decodeEncodedWords(mail.subject ?? '')), limits.subjectChars).text;
  const html = typeof mail.html === 'string' && mail.html.length > 0 ? truncateText(mail.html, limits.htmlChars) : null;

  let textSource: TimelineEmail['textSource'] = 'none';
  let rawText = '';
  if (typeof mail.text === 'string' && mail.text.trim().length > 0) {
    textSource = 'text';
    rawText = mail.text.replace(/\r\n?/g, '\n');
  } else if (html) {
    textSource = 'html';
    rawText = htmlToText(html.text, limits.textChars);
  }
  const text = truncateText(rawText, limits.textChars);

  const attachments: TimelineAttachment[] = [];
  // A Map, not an object literal: a hostile Content-ID such as "__proto__" must stay plain data.
  const cids = new Map<string, number>();
  const all = mail.attachments ?? [];
  for (const a of all.slice(0, limits.attachments)) {
    const contentId = cidOf(a.contentId);
    const inline = Boolean(contentId) && (a.related === true || (a.contentDisposition ?? '').toLowerCase() === 'inline');
    const size = typeof a.size === 'number' && Number.isFinite(a.size) && a.size > 0 ? Math.floor(a.size) : 0;
    const contentType = contentTypeOf(a.contentType);
    if (contentId && !cids.has(contentId)) cids.set(contentId, attachments.length);
    attachments.push({ filename: sanitiseFilename(a.filename, contentType, limits.filenameChars), contentType, size, contentId, inline, checksum: a.checksum ?? null });
  }

  const date = mail.date instanceof Date && !Number.isNaN(mail.date.getTime()) ? mail.date : null;
  const from = addresses(mail.from, limits)[0] ?? null;
  return {
    subject,
    from,
    to: addresses(mail.to, limits),
    cc: addresses(mail.cc, limits),
    replyTo: addresses(mail.replyTo, limits),
    date,
    messageId: normaliseMessageId(mail.messageId),
    inReplyTo: parseMessageIdList(mail.inReplyTo ?? null),
    references: parseMessageIdList(mail.references ?? null),
    threadIndex: headerValue(mail.headers, 'thread-index'),
    text: text.text,
    textSource,
    textTruncated: text.truncated,
    html: html?.text ?? null,
    htmlTruncated: html?.truncated ?? false,
    attachments,
    attachmentsTruncated: all.length > limits.attachments,
    cidMap: Object.fromEntries(cids),
    missingCids: html ? referencedCids(html.text).filter((c) => !cids.has(c)) : [],
  };
}
