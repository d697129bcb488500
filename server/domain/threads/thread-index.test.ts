import { describe, expect, it } from 'vitest';
import { threadIndexDepth, threadIndexRoot } from './thread-index';

const header = Buffer.from(Array.from({ length: 22 }, (_, i) => (i * 37 + 11) & 0xff));
const rootB64 = header.toString('base64');
const reply1 = Buffer.concat([header, Buffer.from([1, 2, 3, 4, 5])]).toString('base64');
const reply2 = Buffer.concat([header, Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]).toString('base64');
const rootHex = header.toString('hex');

describe('threadIndexRoot ([MS-OXOMSG] Thread-Index)', () => {
  it.each([
    ['root message', rootB64, rootHex],
    ['first reply', reply1, rootHex],
    ['second reply', reply2, rootHex],
    ['folded with whitespace', `${reply1.slice(0, 10)}\r\n ${reply1.slice(10)}`, rootHex],
    ['no padding', reply1.replace(/=+$/, ''), rootHex],
    ['real Outlook value', 'AQHUqk3r4ZcDcH5zSE6hUqlHy+1lzQ==', Buffer.from('AQHUqk3r4ZcDcH5zSE6hUqlHy+1lzQ==', 'base64').toString('hex')],
  ])('%s', (_n, value, expected) => {
    expect(threadIndexRoot(value)).toBe(expected);
  });

  it.each([
    ['null', null],
    ['empty', ''],
    ['not base64', '!!!!not base64!!!!'],
    ['too short', Buffer.alloc(10).toString('base64')],
    ['bad child length', Buffer.alloc(24).toString('base64')],
    ['huge', 'A'.repeat(200_000)],
  ])('%s → null', (_n, value) => {
    expect(threadIndexRoot(value)).toBeNull();
  });

  it('depth counts child blocks', () => {
    expect(threadIndexDepth(rootB64)).toBe(0);
    expect(threadIndexDepth(reply1)).toBe(1);
    expect(threadIndexDepth(reply2)).toBe(2);
    expect(threadIndexDepth('junk')).toBeNull();
  });
});
