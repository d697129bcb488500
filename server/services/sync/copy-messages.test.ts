import { describe, expect, it } from 'vitest';
import { copyText, pgTextArray } from './copy-messages';

describe('COPY text encoding (PostgreSQL COPY text format)', () => {
  it('escapes backslash, tab, newline and CR, drops NUL, leaves the rest alone', () => {
    expect(copyText('plain Ünïcode 👋')).toBe('plain Ünïcode 👋');
    expect(copyText('a\\b\tc\nd\re\0f')).toBe('a\\\\b\\tc\\nd\\re' + 'f');
  });
  it('array literals quote every element and escape quotes and backslashes', () => {
    expect(pgTextArray([])).toBe('{}');
    expect(pgTextArray(['a@b', 'x"y', 'p\\q', 'NULL', '{}'])).toBe('{"a@b","x\\"y","p\\\\q","NULL","{}"}');
  });
});
