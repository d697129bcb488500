import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_LIMITS, MimeParser, multipartDepth } from './mime-parse';

const dir = path.join(import.meta.dirname, '__fixtures__', 'mime');
const corpus = fs.readdirSync(dir).filter((f) => f.endsWith('.eml'));
const parser = new MimeParser();
afterAll(() => parser.close());

const load = (f: string) => fs.readFileSync(path.join(dir, f));

describe('mailparser under limits (issue 5)', () => {
  it.each(corpus)('%s parses or is refused with a reason, never crashes', async (file) => {
    const out = await parser.parse(load(file));
    if (out.ok) expect(Array.isArray(out.mail.attachments)).toBe(true);
    else expect(out.reason.length).toBeGreaterThan(0);
  });

  it('decodes charsets into readable text', async () => {
    const latin = await parser.parse(load('charset-latin1.eml'));
    expect(latin.ok && latin.mail.text).toContain('blåbærsyltetøy');
    const koi = await parser.parse(load('charset-koi8r.eml'));
    expect(koi.ok && koi.mail.text).toContain('Привет');
    const jp = await parser.parse(load('charset-iso2022jp.eml'));
    expect(jp.ok && jp.mail.text).toContain('こんにちは');
  });

  it('keeps TNEF and calendar parts as attachments and inline cid images as inline attachments', async () => {
    const tnef = await parser.parse(load('tnef.eml'));
    expect(tnef.ok && tnef.mail.attachments.map((a) => a.contentType)).toContain('application/ms-tnef');
    const cal = await parser.parse(load('calendar.eml'));
    expect(cal.ok && cal.mail.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);
    const cid = await parser.parse(load('inline-cid.eml'));
    expect(cid.ok && cid.mail.attachments[0]).toMatchObject({ inline: true, contentId: 'logo@customer.test', contentType: 'image/png' });
    expect(cid.ok && cid.mail.html).toContain('cid:logo@customer.test');
  });

  it('refuses nesting deeper than the limit and more parts than the limit, as limit failures', async () => {
    expect(multipartDepth(load('deep-nesting.eml'))).toBe(120);
    const deep = await parser.parse(load('deep-nesting.eml'));
    expect(deep).toMatchObject({ ok: false, kind: 'limit' });
    const moderate = await parser.parse(load('nested-8.eml'));
    expect(moderate.ok && moderate.mail.text).toContain('three levels down');
    const many = await parser.parse(load('many-parts-600.eml'));
    expect(many).toMatchObject({ ok: false, kind: 'limit' });
  });

  it('refuses a 1 MB header block as a limit failure', async () => {
    const out = await parser.parse(load('huge-headers-1mb.eml'));
    expect(out).toMatchObject({ ok: false, kind: 'limit' });
  });

  it('a parse that runs past its time limit is stopped and the parser keeps working', async () => {
    const slow = new MimeParser({ ...DEFAULT_PARSE_LIMITS, timeoutMs: 1 });
    const out = await slow.parse(load('long-line.eml'));
    expect(out).toMatchObject({ ok: false, kind: 'timeout' });
    await slow.close();
    const again = await parser.parse(load('no-message-id.eml'));
    expect(again.ok && again.mail.text).toContain('plain body');
  });
});
