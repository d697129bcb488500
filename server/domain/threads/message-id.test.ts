import { describe, expect, it } from 'vitest';
import {
  capKeepingRootAndNewest,
  formatMessageId,
  isSyntheticMessageId,
  normaliseMessageId,
  parseMessageIdList,
  syntheticMessageId,
} from './message-id';

describe('normaliseMessageId (RFC 5322 §3.6.4)', () => {
  it.each([
    ['<abc@example.com>', 'abc@example.com'],
    ['abc@example.com', 'abc@example.com'],
    ['  <abc@example.com>  ', 'abc@example.com'],
    ['<AbC@EXAMPLE.Com>', 'AbC@example.com'],
    ['<ab\r\n c@example.com>', 'abc@example.com'],
    ['<<abc@example.com>>', 'abc@example.com'],
    ['<a@b@Example.COM>', 'a@b@example.com'],
    ['<no-at-sign>', 'no-at-sign'],
    ['<@example.com>', '@example.com'],
    ['<ÆØÅ@Exämple.NO>', 'ÆØÅ@exämple.no'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseMessageId(raw)).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['   '], ['<>'], ['< >'], [`<${'a'.repeat(999)}@x>`]])('%j → null', (raw) => {
    expect(normaliseMessageId(raw)).toBeNull();
  });

  it('keeps the local part case so ids differing only by case stay distinct', () => {
    expect(normaliseMessageId('<ABC@x.com>')).not.toBe(normaliseMessageId('<abc@x.com>'));
  });

  it('formatMessageId puts brackets back', () => {
    expect(formatMessageId('abc@example.com')).toBe('<abc@example.com>');
  });
});

describe('parseMessageIdList (References / In-Reply-To)', () => {
  it.each<[string, string | string[] | null | undefined, string[]]>([
    ['empty string', '', []],
    ['null', null, []],
    ['undefined', undefined, []],
    ['one id', '<a@x.com>', ['a@x.com']],
    ['three ids in order', '<a@x.com> <b@x.com>\r\n <c@x.com>', ['a@x.com', 'b@x.com', 'c@x.com']],
    ['no separators', '<a@x.com><b@x.com>', ['a@x.com', 'b@x.com']],
    ['duplicates keep first position', '<a@x.com> <b@x.com> <a@x.com> <b@X.COM>', ['a@x.com', 'b@x.com']],
    ['junk between ids', 'junk <a@x.com> (comment) stuff <b@x.com> trailing', ['a@x.com', 'b@x.com']],
    ['in-reply-to with prose', '<a@x.com> (Your message of Tue, 1 Jan 2026)', ['a@x.com']],
    ['old-style prose only', 'Your message of Tue, 1 Jan 2026', []],
    ['missing brackets', 'a@x.com b@x.com', ['a@x.com', 'b@x.com']],
    ['missing brackets, comma separated', 'a@x.com,b@x.com;c@x.com', ['a@x.com', 'b@x.com', 'c@x.com']],
    ['unbracketed junk words dropped', 'hello a@x.com world', ['a@x.com']],
    ['unclosed bracket', '<a@x.com <b@x.com>', ['b@x.com']],
    ['bracket never closed at end', '<a@x.com> <b@x.com', ['a@x.com']],
    ['empty brackets ignored', '<> <a@x.com> < >', ['a@x.com']],
    ['bracketed id without @ ignored', '<foo> <a@x.com>', ['a@x.com']],
    ['folded inside id', '<a\r\n @x.com>', ['a@x.com']],
    ['array input', ['<a@x.com>', '<b@x.com>'], ['a@x.com', 'b@x.com']],
    ['unicode ids', '<møte-ø@eksempel.no> <日本@例え.jp>', ['møte-ø@eksempel.no', '日本@例え.jp']],
    ['domain case folded for dedupe', '<a@X.com> <a@x.COM>', ['a@x.com']],
  ])('%s', (_name, value, expected) => {
    expect(parseMessageIdList(value)).toEqual(expected);
  });

  it('caps 10,000 ids keeping the root and the newest', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `<id${i}@x.com>`);
    const parsed = parseMessageIdList(ids.join(' '));
    expect(parsed).toHaveLength(100);
    expect(parsed[0]).toBe('id0@x.com');
    expect(parsed[1]).toBe('id9901@x.com');
    expect(parsed[99]).toBe('id9999@x.com');
  });

  it('respects a custom cap', () => {
    const parsed = parseMessageIdList('<a@x> <b@x> <c@x> <d@x>', { maxIds: 2 });
    expect(parsed).toEqual(['a@x', 'd@x']);
  });

  it('handles a 5 MB header of junk quickly and without throwing', () => {
    const junk = '<'.repeat(1_000_000) + ' x '.repeat(1_000_000) + '<z@x.com>';
    expect(parseMessageIdList(junk)).toEqual(['z@x.com']);
  }, 30_000);

  it('drops oversize ids but keeps the rest', () => {
    expect(parseMessageIdList(`<${'a'.repeat(2000)}@x.com> <ok@x.com>`)).toEqual(['ok@x.com']);
  });
});

describe('capKeepingRootAndNewest', () => {
  it.each<[string[], number, string[]]>([
    [[], 3, []],
    [['a'], 3, ['a']],
    [['a', 'b', 'c'], 3, ['a', 'b', 'c']],
    [['a', 'b', 'c', 'd', 'e'], 3, ['a', 'd', 'e']],
    [['a', 'b', 'c'], 1, ['a']],
    [['a', 'b', 'c'], 0, ['a']],
  ])('%j cap %i → %j', (ids, max, expected) => {
    expect(capKeepingRootAndNewest(ids, max)).toEqual(expected);
  });
});

describe('syntheticMessageId', () => {
  const hash = (s: string) => {
    // Test-only FNV-1a: deterministic and input-sensitive, which is all the function relies on.
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h.toString(16);
  };
  const base = { date: new Date('2026-01-02T03:04:05Z'), from: 'Kari@Example.no', subject: 'Hei  der', size: 1234, firstBytes: 'Received: x' };

  it('is stable for the same message', () => {
    expect(syntheticMessageId(base, hash)).toBe(syntheticMessageId({ ...base }, hash));
  });

  it('ignores sender case and subject whitespace differences', () => {
    expect(syntheticMessageId({ ...base, from: 'kari@example.no', subject: ' Hei der ' }, hash)).toBe(syntheticMessageId(base, hash));
  });

  it.each([
    ['date', { date: new Date('2026-01-02T03:04:06Z') }],
    ['from', { from: 'ola@example.no' }],
    ['subject', { subject: 'Hallo' }],
    ['size', { size: 1235 }],
    ['first bytes', { firstBytes: 'Received: y' }],
  ])('changes when %s changes', (_n, patch) => {
    expect(syntheticMessageId({ ...base, ...patch }, hash)).not.toBe(syntheticMessageId(base, hash));
  });

  it('tolerates all-missing fields and an invalid date', () => {
    const id = syntheticMessageId({ date: new Date('nope'), from: null, subject: null, size: null }, hash);
    expect(id).toMatch(/^synthetic\.[0-9a-f]+@mailroom\.invalid$/);
    expect(isSyntheticMessageId(id)).toBe(true);
    expect(normaliseMessageId(`<${id}>`)).toBe(id);
  });

  it('isSyntheticMessageId is false for real ids', () => {
    expect(isSyntheticMessageId('synthetic.abc@example.com')).toBe(false);
    expect(isSyntheticMessageId('abc@mailroom.invalid')).toBe(false);
  });
});
