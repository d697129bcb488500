import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, decodeRfc2231Value } from './encoded-words';

describe('decodeEncodedWords (RFC 2047)', () => {
  it.each([
    ['plain text', 'plain text'],
    ['=?utf-8?B?w4ZyZW5kZQ==?=', 'Ærende'],
    ['=?UTF-8?Q?M=C3=B8te_i_morgen?=', 'Møte i morgen'],
    ['=?iso-8859-1?Q?F=F8rste?=', 'Første'],
    ['=?windows-1252?Q?=80_price?=', '€ price'],
    ['=?utf-8?Q?a?= =?utf-8?Q?b?=', 'ab'],
    ['Re: =?utf-8?B?w6Z4?= tail', 'Re: æx tail'],
    ['=?utf-8?B?w4ZyZW5kZQ?=', 'Ærende'], // missing padding
    ['=?x-unknown-charset?Q?abc?=', ''],
    ['=?utf-8?B?!!!?=', ''],
    ['=?utf-8?Q?broken', '=?utf-8?Q?broken'],
    ['<script>=?utf-8?Q?x?=', '<script>x'],
  ])('%j → %j', (input, expected) => {
    expect(decodeEncodedWords(input)).toBe(expected);
  });

  it('is fast on a huge hostile value', () => {
    decodeEncodedWords('=?'.repeat(500_000));
  });
});

describe('decodeRfc2231Value', () => {
  it.each([
    ["utf-8''na%C3%AFve.txt", 'naïve.txt'],
    ["UTF-8'en'r%C3%A9sum%C3%A9.pdf", 'résumé.pdf'],
    ["iso-8859-1''F%F8rste.doc", 'Første.doc'],
    ['report.pdf', 'report.pdf'],
    ["it's a file.pdf", "it's a file.pdf"],
  ])('%j → %j', (input, expected) => {
    expect(decodeRfc2231Value(input)).toBe(expected);
  });
});
