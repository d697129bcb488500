import { describe, expect, it } from 'vitest';
import { toSingleLine, truncateText } from './truncate';

describe('truncateText', () => {
  it.each<[string, number, string, boolean]>([
    ['hello', 10, 'hello', false],
    ['hello', 5, 'hello', false],
    ['hello', 4, 'hell', true],
    ['hello', 0, '', true],
    ['', 0, '', false],
    ['ab😀cd', 3, 'ab', true], // would cut the emoji in half
    ['ab😀cd', 4, 'ab😀', true],
    ['æøå', 2, 'æø', true],
  ])('%j cap %i → %j', (s, max, text, truncated) => {
    expect(truncateText(s, max)).toEqual({ text, truncated });
  });
});

describe('toSingleLine', () => {
  it.each([
    ['Hello\r\nBcc: evil@x.com', 'Hello Bcc: evil@x.com'],
    ['  a \t b  ', 'a b'],
    ['null\u0000byte', 'null byte'],
    ['bell\u0007', 'bell'],
    ['c1\u0085char', 'c1 char'],
    ['invoice\u202Efdp.exe', 'invoice fdp.exe'],
    ['zero\u200Bwidth', 'zero width'],
    ['Ærlig talt — ok', 'Ærlig talt — ok'],
    ['', ''],
  ])('%j → %j', (s, expected) => {
    expect(toSingleLine(s)).toBe(expected);
  });
});
