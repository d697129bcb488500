import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMELINE_LIMITS, toTimeline, type ParsedMail } from './to-timeline';

const base: ParsedMail = {
  subject: 'Re: Proposal',
  from: [{ address: 'Kari@Contact.no', name: 'Kari Nordmann' }],
  to: [{ address: 'rep@us.com', name: 'Rep' }],
  cc: [],
  date: new Date('2026-03-01T10:00:00Z'),
  messageId: '<reply-1@Contact.NO>',
  inReplyTo: '<sent-1@crm.example.com>',
  references: '<root@crm.example.com> <sent-1@crm.example.com>',
  text: 'Thanks!\r\nKari',
  html: '<p>Thanks!</p><img src="cid:logo@contact">',
  attachments: [
    { filename: 'logo.png', contentType: 'image/png', size: 1234, contentId: '<logo@contact>', related: true, checksum: 'abc' },
    { filename: '../offer.pdf', contentType: 'APPLICATION/PDF; name=offer.pdf', size: 99_000, contentDisposition: 'attachment', checksum: 'def' },
  ],
  headers: { 'thread-index': 'AQHUqk3r4ZcDcH5zSE6hUqlHy+1lzQ==' },
};

describe('toTimeline (PRODUCT #8)', () => {
  it('maps a normal reply', () => {
    const t = toTimeline(base);
    expect(t).toMatchObject({
      subject: 'Re: Proposal',
      from: { address: 'kari@contact.no', name: 'Kari Nordmann' },
      to: [{ address: 'rep@us.com', name: 'Rep' }],
      cc: [],
      replyTo: [],
      messageId: 'reply-1@contact.no',
      inReplyTo: ['sent-1@crm.example.com'],
      references: ['root@crm.example.com', 'sent-1@crm.example.com'],
      threadIndex: 'AQHUqk3r4ZcDcH5zSE6hUqlHy+1lzQ==',
      text: 'Thanks!\nKari',
      textSource: 'text',
      textTruncated: false,
      html: '<p>Thanks!</p><img src="cid:logo@contact">',
      htmlTruncated: false,
      attachmentsTruncated: false,
      cidMap: { 'logo@contact': 0 },
      missingCids: [],
    });
    expect(t.attachments).toEqual([
      { filename: 'logo.png', contentType: 'image/png', size: 1234, contentId: 'logo@contact', inline: true, checksum: 'abc' },
      { filename: 'offer.pdf', contentType: 'application/pdf', size: 99_000, contentId: null, inline: false, checksum: 'def' },
    ]);
  });

  it.each<[string, string | null | undefined, string]>([
    ['CR/LF injection', 'Hello\r\nBcc: evil@x.com', 'Hello Bcc: evil@x.com'],
    ['RFC 2047 leftover', '=?utf-8?Q?M=C3=B8te?= i morgen', 'Møte i morgen'],
    ['HTML stays text (escaping is the renderer\'s job)', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
    ['null', null, ''],
    ['undefined', undefined, ''],
    ['tabs and bidi', 'a\tb\u202Ec', 'a b c'],
  ])('subject: %s', (_n, subject, expected) => {
    expect(toTimeline({ ...base, subject }).subject).toBe(expected);
  });

  it('caps a huge subject', () => {
    expect(toTimeline({ ...base, subject: 'x'.repeat(100_000) }).subject).toHaveLength(DEFAULT_TIMELINE_LIMITS.subjectChars);
  });

  it.each<[string, Partial<ParsedMail>, string, string]>([
    ['text part wins', {}, 'Thanks!\nKari', 'text'],
    ['HTML-only falls back to text from HTML', { text: null }, 'Thanks!', 'html'],
    ['whitespace-only text falls back to HTML', { text: '  \n ' }, 'Thanks!', 'html'],
    ['mailparser html=false and no text', { text: undefined, html: false }, '', 'none'],
    ['empty everything', { text: '', html: '' }, '', 'none'],
  ])('body: %s', (_n, over, text, source) => {
    const t = toTimeline({ ...base, ...over });
    expect(t.text).toBe(text);
    expect(t.textSource).toBe(source);
  });

  it('caps text and html with flags', () => {
    const limits = { ...DEFAULT_TIMELINE_LIMITS, textChars: 10, htmlChars: 20 };
    const t = toTimeline({ ...base, text: 'y'.repeat(50), html: '<p>' + 'z'.repeat(50) + '</p>' }, limits);
    expect(t.text).toHaveLength(10);
    expect(t.textTruncated).toBe(true);
    expect(t.html).toHaveLength(20);
    expect(t.htmlTruncated).toBe(true);
  });

  it('keeps html as received (sanitising happens at render time)', () => {
    const html = '<script>alert(1)</script><p onclick="x()">hi</p>';
    expect(toTimeline({ ...base, html }).html).toBe(html);
  });

  it('addresses: invalid dropped, names single-line and decoded, own-name equal to address dropped', () => {
    const t = toTimeline({
      ...base,
      from: [{ address: null, name: 'Ghost' }, { address: 'second@x.com', name: '=?utf-8?Q?=C3=85se?=\r\nX: y' }],
      to: [{ address: 'not-an-address' }, { address: 'A@B.com', name: 'a@b.com' }, { address: 'c@d.com', name: '' }],
      cc: null,
      replyTo: [{ address: 'reply@x.com' }],
    });
    expect(t.from).toEqual({ address: 'second@x.com', name: 'Åse X: y' });
    expect(t.to).toEqual([{ address: 'a@b.com' }, { address: 'c@d.com' }]);
    expect(t.cc).toEqual([]);
    expect(t.replyTo).toEqual([{ address: 'reply@x.com' }]);
  });

  it('caps 10,000 recipients', () => {
    const to = Array.from({ length: 10_000 }, (_, i) => ({ address: `p${i}@x.com` }));
    expect(toTimeline({ ...base, to }).to).toHaveLength(DEFAULT_TIMELINE_LIMITS.addressesPerField);
  });

  it('no from at all → null', () => {
    expect(toTimeline({ ...base, from: undefined }).from).toBeNull();
  });

  it.each<[string, Date | null | undefined, Date | null]>([
    ['valid', new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')],
    ['invalid', new Date('garbage'), null],
    ['missing', undefined, null],
  ])('date %s', (_n, date, expected) => {
    expect(toTimeline({ ...base, date }).date).toEqual(expected);
  });

  it('message ids: missing, 10k references capped, junk tolerated', () => {
    const refs = Array.from({ length: 10_000 }, (_, i) => `<r${i}@x>`).join(' ');
    const t = toTimeline({ ...base, messageId: null, inReplyTo: 'junk', references: refs });
    expect(t.messageId).toBeNull();
    expect(t.inReplyTo).toEqual([]);
    expect(t.references).toHaveLength(100);
    expect(t.references[0]).toBe('r0@x');
  });

  describe('attachments', () => {
    it.each<[string, object, object]>([
      ['no filename → from content type', { filename: null, contentType: 'application/pdf', size: 1 }, { filename: 'attachment.pdf', contentType: 'application/pdf' }],
      ['bad content type → octet-stream', { filename: 'a', contentType: 'text/html<script>', size: 1 }, { contentType: 'application/octet-stream' }],
      ['missing content type', { filename: 'a' }, { contentType: 'application/octet-stream', size: 0 }],
      ['negative / NaN size → 0', { filename: 'a', size: Number.NaN }, { size: 0 }],
      ['fractional size floored', { filename: 'a', size: 10.7 }, { size: 10 }],
      ['inline by disposition', { filename: 'i.png', contentId: 'x@y', contentDisposition: 'INLINE' }, { inline: true, contentId: 'x@y' }],
      ['cid without inline/related stays an attachment', { filename: 'i.png', contentId: 'x@y' }, { inline: false, contentId: 'x@y' }],
      ['inline disposition without cid is not inline', { filename: 'i.png', contentDisposition: 'inline' }, { inline: false, contentId: null }],
      ['bad cid dropped', { filename: 'i.png', contentId: '<a b>', related: true }, { contentId: null, inline: false }],
      ['filename path and control chars', { filename: '..\\..\\win\u0000.ini' }, { filename: 'win.ini' }],
    ])('%s', (_n, att, expected) => {
      const t = toTimeline({ ...base, attachments: [att as never] });
      expect(t.attachments[0]).toMatchObject(expected);
    });

    it('caps the number of attachments with a flag', () => {
      const many = Array.from({ length: 300 }, (_, i) => ({ filename: `f${i}.txt`, size: 1 }));
      const t = toTimeline({ ...base, attachments: many });
      expect(t.attachments).toHaveLength(DEFAULT_TIMELINE_LIMITS.attachments);
      expect(t.attachmentsTruncated).toBe(true);
    });

    it('maps cid: references, URL-decoded, and lists missing ones', () => {
      const t = toTimeline({
        ...base,
        html: '<img src="cid:logo@contact"><img src=\'cid:sig%20img@x\'><img src="CID:missing@x">',
        attachments: [
          { filename: 'logo.png', contentId: '<logo@contact>', related: true },
          { filename: 'sig.png', contentId: 'sig img@x', related: true },
          { filename: 'dupe.png', contentId: '<logo@contact>', related: true },
        ],
      });
      expect(t.cidMap).toEqual({ 'logo@contact': 0 });
      expect(t.missingCids).toEqual(['sig img@x', 'missing@x']);
    });

    it('a hostile "__proto__" Content-ID stays plain data', () => {
      const t = toTimeline({ ...base, html: '<img src="cid:__proto__">', attachments: [{ filename: 'p.png', contentId: '__proto__', related: true }] });
      expect(Object.hasOwn(t.cidMap, '__proto__')).toBe(true);
      expect(Object.getPrototypeOf(t.cidMap)).toBe(Object.prototype);
      expect(t.missingCids).toEqual([]);
    });
  });

  it('survives an empty object', () => {
    const t = toTimeline({});
    expect(t).toMatchObject({ subject: '', from: null, to: [], text: '', textSource: 'none', html: null, attachments: [], messageId: null, threadIndex: null });
  });
});
