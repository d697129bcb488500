import { describe, expect, it } from 'vitest';
import { parseBulkFetch } from './bulk-fetch-parse';

// Unit cases for the bulk FETCH parser (issue 5 "Speed"); parity with imapflow on real Dovecot
// output is in bulk-fetch.integration.test.ts. Null means "hand this response to imapflow".

const header = 'Message-ID: <m1@x.test>\r\nReferences: <a@x.test>\r\n <b@x.test>\r\nList-Id: <l.x.test>\r\n\r\n';
const line = (body: string) => Buffer.from(`* 12 FETCH (${body})`);
const env = '("Tue, 1 Dec 2026 10:00:00 +0000" "Hello" (("Ann" NIL "ann" "x.test")) NIL NIL ((NIL NIL "bob" "y.test")("=?UTF-8?Q?Z=C3=B6e?=" NIL "zoe" "y.test")) NIL NIL "<irt@x.test>" "<env@x.test>")';

describe('parseBulkFetch', () => {
  it('reads every field of a Dovecot-shaped response, literal included', () => {
    const lit = Buffer.from(header);
    const r = parseBulkFetch(
      line(`UID 7 FLAGS (\\Seen $Label \\Seen) INTERNALDATE "01-Dec-2026 10:00:05 +0000" RFC822.SIZE 2048 MODSEQ (99) ENVELOPE ${env} BODY[HEADER.FIELDS (MESSAGE-ID REFERENCES)] {${lit.length}}\r\n`),
      [lit],
    );
    expect(r).toMatchObject({
      uid: 7,
      flags: ['\\Seen', '$Label'],
      modseq: 99n,
      size: 2048,
      subject: 'Hello',
      messageId: '<m1@x.test>',
      inReplyTo: '<irt@x.test>',
      references: '<a@x.test> <b@x.test>',
      from: [{ address: 'ann@x.test', name: 'Ann' }],
      to: [{ address: 'bob@y.test' }, { address: 'zoe@y.test', name: 'Zöe' }],
      cc: [],
      headers: { 'list-id': '<l.x.test>' },
    });
    expect(r?.internalDate?.toISOString()).toBe('2026-12-01T10:00:05.000Z');
    expect(r?.date?.toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('falls back to the envelope ids when the header block has none, and unescapes quoted strings', () => {
    const r = parseBulkFetch(line(`UID 3 FLAGS () ENVELOPE (NIL "say \\"hi\\" \\\\ now" NIL NIL NIL NIL NIL NIL NIL "<env@x.test>") BODY[HEADER.FIELDS (MESSAGE-ID)] ""`), []);
    expect(r).toMatchObject({ uid: 3, flags: [], messageId: '<env@x.test>', subject: 'say "hi" \\ now', date: null, size: null, modseq: null, headers: {} });
  });

  it.each([
    ['a tagged completion', Buffer.from('A5 OK Fetch completed'), []],
    ['an EXPUNGE', Buffer.from('* 5 EXPUNGE'), []],
    ['a FETCH without UID (unsolicited flag change)', line('FLAGS (\\Seen)'), []],
    ['an unbalanced list', line('UID 1 FLAGS (\\Seen'), []],
    ['trailing bytes after the list', Buffer.from('* 1 FETCH (UID 1) x'), []],
    ['a missing literal', line('UID 1 BODY[HEADER] {10}\r\n'), []],
    ['a literal of the wrong length', line('UID 1 BODY[HEADER] {10}\r\n'), [Buffer.from('abc')]],
    ['a literal8', line('UID 1 BINARY[1] ~{3}\r\n'), [Buffer.from('abc')]],
    ['an odd number of items', line('UID 1 FLAGS'), []],
    ['an unterminated string', line('UID 1 ENVELOPE ("abc'), []],
    ['an address that is not a list', line('UID 1 ENVELOPE (NIL NIL ("x") NIL NIL NIL NIL NIL NIL NIL)'), []],
    ['a UID that is not a number', line('UID 1e3'), []],
    ['lists nested past the limit', line(`UID 1 X ${'('.repeat(40)}${')'.repeat(40)}`), []],
  ])('declines %s', (_name, payload, literals) => {
    expect(parseBulkFetch(payload, literals)).toBeNull();
  });

  it('accepts lowercase keys and NIL for every optional item', () => {
    const r = parseBulkFetch(line('uid 9 flags NIL rfc822.size NIL internaldate NIL envelope NIL modseq NIL body[header.fields (message-id)] NIL'), []);
    expect(r).toMatchObject({ uid: 9, flags: [], size: 0, internalDate: null, modseq: null, messageId: null, from: [], headers: {} });
  });

  it('handles group syntax and host-less addresses as imapflow does (dropped: no address to log)', () => {
    const r = parseBulkFetch(line('UID 2 ENVELOPE (NIL NIL ((NIL NIL "team" NIL)(NIL NIL "a" "x.test")(NIL NIL NIL NIL)) NIL NIL NIL NIL NIL NIL NIL)'), []);
    expect(r?.from).toEqual([{ address: 'a@x.test' }]);
  });
});
