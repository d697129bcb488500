import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_LIMITS, validateMessage, type MessageField, type MessageInput } from './message-validation';

const base: MessageInput = {
  to: [{ address: 'ada@example.com', name: 'Ada Lovelace' }],
  subject: 'Hello',
  text: 'Hi Ada',
  html: '<p>Hi Ada</p>',
  attachments: [],
};
const MB = 1024 * 1024;
const many = (n: number, domain = 'example.com') => Array.from({ length: n }, (_, i) => ({ address: `person${i}@${domain}` }));

describe('validateMessage', () => {
  it('accepts a normal message and normalises it', () => {
    const result = validateMessage({
      ...base,
      to: [{ address: ' Ada@Example.COM ', name: '  Ada  ' }],
      cc: [{ address: 'bob@example.com' }],
      bcc: [{ address: 'log@bcc.example', name: '' }],
      subject: '  Hello  ',
      attachments: [{ filename: 'deck.pdf', size: 2 * MB }],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        to: [{ address: 'Ada@example.com', name: 'Ada' }],
        cc: [{ address: 'bob@example.com', name: null }],
        bcc: [{ address: 'log@bcc.example', name: null }],
        subject: 'Hello',
        text: 'Hi Ada',
        html: '<p>Hi Ada</p>',
        attachments: [{ filename: 'deck.pdf', size: 2 * MB }],
        attachmentBytes: 2 * MB,
      },
    });
  });

  it.each([
    ['exactly 100 recipients', { to: many(50), cc: many(30, 'cc.example'), bcc: many(20, 'bcc.example') }],
    ['a subject only', { text: '', html: '' }],
    ['a body only', { subject: '' }],
    ['attachments of exactly 25 MB', { attachments: [{ filename: 'a.bin', size: 20 * MB }, { filename: 'b.bin', size: 5 * MB }] }],
    ['an empty attachment', { attachments: [{ filename: 'empty.txt', size: 0 }] }],
    ['an html body with only an image', { subject: '', text: null, html: '<img src="cid:1">' }],
    ['unicode in subject and names', { subject: 'Møte i morgen 🎉', to: [{ address: 'jørn@example.no', name: 'Jørn Ødegård' }] }],
  ] as const)('accepts %s', (_name, patch) => {
    expect(validateMessage({ ...base, ...patch }).ok).toBe(true);
  });

  it.each<[string, Partial<MessageInput>, MessageField, RegExp]>([
    ['CRLF in the subject', { subject: 'Hi\r\nBcc: victim@example.com' }, 'subject', /line breaks/],
    ['LF in the subject', { subject: 'Hi\nthere' }, 'subject', /line breaks/],
    ['NUL in the subject', { subject: 'Hi\0' }, 'subject', /line breaks/],
    ['U+2028 in the subject', { subject: 'Hi\u2028there' }, 'subject', /line breaks/],
    ['a bell control character in the subject', { subject: 'Hi\u0007' }, 'subject', /control characters/],
    ['a bidi override in the subject', { subject: 'Invoice \u202Efdp.exe' }, 'subject', /control characters/],
    ['a 2,000 character subject', { subject: 'x'.repeat(2000) }, 'subject', /too long/],
    ['CRLF in a recipient name', { to: [{ address: 'ada@example.com', name: 'Ada\r\nBcc: victim@example.com' }] }, 'to', /cannot contain line breaks/],
    ['NUL in a recipient name', { cc: [{ address: 'bob@example.com', name: 'Bob\0' }] }, 'cc', /cannot contain line breaks/],
    ['bidi in a recipient name', { to: [{ address: 'ada@example.com', name: '\u202Eada' }] }, 'to', /invisible control/],
    ['a 1,000 character name', { to: [{ address: 'ada@example.com', name: 'x'.repeat(1000) }] }, 'to', /too long/],
    ['CRLF in an address', { to: [{ address: 'ada@example.com\r\nBcc: victim@example.com' }] }, 'to', /line breaks/],
    ['LF in a bcc address', { bcc: [{ address: 'ada@example.com\nX: y' }] }, 'bcc', /line breaks/],
    ['an invalid address', { to: [{ address: 'not-an-address' }] }, 'to', /missing the @/],
    ['an invalid cc address', { cc: [{ address: 'bob@' }] }, 'cc', /nothing after/],
    ['no recipients', { to: [] }, 'to', /at least one recipient/],
    ['only cc recipients', { to: [], cc: [{ address: 'bob@example.com' }] }, 'to', /at least one recipient/],
    ['101 recipients', { to: many(101) }, 'to', /Too many recipients: 101\. You can send to at most 100/],
    ['10,000 recipients', { to: many(10_000) }, 'to', /Too many recipients: 10,000/],
    ['100 across to/cc/bcc plus one', { to: many(50), cc: many(50, 'cc.example'), bcc: many(1, 'bcc.example') }, 'to', /Too many recipients: 101/],
    ['a duplicate in to', { to: [{ address: 'ada@example.com' }, { address: 'ADA@example.com' }] }, 'to', /already in this list/],
    ['the same person in to and cc', { cc: [{ address: 'Ada@Example.com' }] }, 'cc', /already in TO/],
    ['the same person in to and bcc', { bcc: [{ address: 'ada@example.com' }] }, 'bcc', /already in TO/],
    ['an empty subject and body', { subject: '  ', text: '  ', html: '<p><br></p>' }, 'body', /subject or a message/],
    ['an empty subject and nbsp-only html', { subject: '', text: null, html: '<p>&nbsp;</p>' }, 'body', /subject or a message/],
    ['a NUL in the body', { text: 'Hi\0' }, 'body', /NUL/],
    ['30 MB of attachments', { attachments: [{ filename: 'video.mp4', size: 30 * MB }] }, 'attachments', /Attachments total 30 MB; the limit is 25 MB/],
    ['25 MB plus one byte', { attachments: [{ filename: 'a', size: 25 * MB }, { filename: 'b', size: 1 }] }, 'attachments', /the limit is 25 MB/],
    ['a negative size', { attachments: [{ filename: 'a.txt', size: -1 }] }, 'attachments', /invalid size/],
    ['a fractional size', { attachments: [{ filename: 'a.txt', size: 1.5 }] }, 'attachments', /invalid size/],
    ['a NaN size', { attachments: [{ filename: 'a.txt', size: Number.NaN }] }, 'attachments', /invalid size/],
    ['a file name with CRLF', { attachments: [{ filename: 'a.txt\r\nContent-Type: text/html', size: 1 }] }, 'attachments', /cannot be used/],
    ['a file name with a bidi override', { attachments: [{ filename: 'invoice\u202Efdp.exe', size: 1 }] }, 'attachments', /cannot be used/],
    ['an empty file name', { attachments: [{ filename: ' ', size: 1 }] }, 'attachments', /cannot be used/],
  ])('refuses %s', (_name, patch, field, message) => {
    const result = validateMessage({ ...base, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const error = result.errors.find((e) => e.field === field);
      expect(error?.message).toMatch(message);
    }
  });

  it('reports every problem at once', () => {
    const result = validateMessage({
      to: [{ address: 'bad' }],
      cc: [{ address: 'x@example.com', name: 'X\nY' }],
      subject: 'a\r\nb',
      text: '',
      html: '',
      attachments: [{ filename: 'big', size: 26 * MB }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.field).sort()).toEqual(['attachments', 'cc', 'subject', 'to']);
  });

  it('custom limits apply', () => {
    expect(validateMessage({ ...base, to: many(3) }, { maxRecipients: 2 }).ok).toBe(false);
    expect(validateMessage({ ...base, attachments: [{ filename: 'a', size: 11 * MB }] }, { maxAttachmentBytes: 10 * MB }).ok).toBe(false);
    expect(DEFAULT_MESSAGE_LIMITS.maxAttachmentBytes).toBe(25 * MB);
  });

  it('never echoes control characters from a bad file name', () => {
    const result = validateMessage({ ...base, attachments: [{ filename: 'a\r\nb', size: 1 }] });
    expect(!result.ok && result.errors[0]?.message).not.toMatch(/[\r\n]/);
  });
});
