import { describe, expect, it } from 'vitest';
import { MAX_HEADER_VALUE_CHARS, parseHeaderBlock } from './header-block';

describe('header block from BODY[HEADER.FIELDS] (RFC 5322 §2.2)', () => {
  it('unfolds continuation lines, lower-cases names, joins repeats', () => {
    const h = parseHeaderBlock(Buffer.from('References: <a@x>\r\n <b@x>\r\n\t<c@x>\r\nMessage-ID: <m@x>\r\nList-Id: one\r\nlist-id: two\r\n\r\n'));
    expect(h).toEqual({ references: '<a@x> <b@x> <c@x>', 'message-id': '<m@x>', 'list-id': 'one, two' });
  });
  it('ignores junk lines and caps a hostile value', () => {
    const huge = `References: ${'<r@x> '.repeat(200_000)}\r\nno colon here\r\n: empty name\r\n`;
    const h = parseHeaderBlock(huge);
    expect(Object.keys(h)).toEqual(['references']);
    expect(h.references!.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
  });
});
