import { describe, expect, it } from 'vitest';
import { sanitiseFilename } from './filename';

describe('sanitiseFilename', () => {
  it.each<[string | null | undefined, string | null, string]>([
    ['offer.pdf', null, 'offer.pdf'],
    ['Tilbud æøå.pdf', null, 'Tilbud æøå.pdf'],
    ['../../etc/passwd', null, 'passwd'],
    ['C:\\Users\\x\\evil.exe', null, 'evil.exe'],
    ['/abs/path/', null, 'path'],
    ['dir/', null, 'dir'],
    ['a\u0000b\u0007c.txt', null, 'abc.txt'],
    ['line\r\nbreak.txt', null, 'linebreak.txt'],
    ['invoice\u202Efdp.exe', null, 'invoicefdp.exe'],
    ['what?<>:"|*.txt', null, 'what_______.txt'],
    ['  spaced   out  .pdf ', null, 'spaced out .pdf'],
    ['.htaccess', null, 'htaccess'],
    ['trailing dots...', null, 'trailing dots'],
    ['CON', null, '_CON'],
    ['nul.txt', null, '_nul.txt'],
    ['com1.log', null, '_com1.log'],
    ['console.log', null, 'console.log'],
    ['=?utf-8?Q?M=C3=B8te.ics?=', null, 'Møte.ics'],
    ['=?utf-8?B?w4ZyZW5kZS5wZGY=?=', null, 'Ærende.pdf'],
    ["utf-8''na%C3%AFve.txt", null, 'naïve.txt'],
    ['<script>alert(1)</script>.html', null, 'script_.html'], // "/" is a path separator
    ['', 'application/pdf', 'attachment.pdf'],
    [null, 'image/png; name=x', 'attachment.png'],
    [undefined, null, 'attachment'],
    ['...', 'text/calendar', 'attachment.ics'],
    ['\u202E', 'application/x-unknown', 'attachment'],
    ['Re\u0301sume\u0301.pdf', null, 'Résumé.pdf'],
  ])('%j (%j) → %j', (raw, ct, expected) => {
    expect(sanitiseFilename(raw, ct)).toBe(expected);
  });

  it('caps long names keeping the extension', () => {
    const out = sanitiseFilename('a'.repeat(500) + '.pdf');
    expect(out).toHaveLength(200);
    expect(out.endsWith('.pdf')).toBe(true);
  });

  it('caps by characters, not UTF-16 units, and never splits an emoji', () => {
    const out = sanitiseFilename('😀'.repeat(300) + '.png', null, 50);
    expect([...out]).toHaveLength(50);
    expect(out.endsWith('.png')).toBe(true);
    expect(out).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('a long "extension" is not preserved', () => {
    const out = sanitiseFilename('x.' + 'y'.repeat(400), null, 30);
    expect(out).toHaveLength(30);
  });
});
