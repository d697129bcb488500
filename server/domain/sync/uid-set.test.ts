import { describe, expect, it } from 'vitest';
import { chunkUids, toUidSet } from './uid-set';

describe('UID sets (RFC 3501 §9)', () => {
  it.each([
    [[], ''],
    [[5], '5'],
    [[1, 2, 3, 5, 7, 8, 9], '1:3,5,7:9'],
    [[9, 1, 2, 2, 0, -1], '1:2,9'],
  ])('%j → %s', (uids, expected) => expect(toUidSet(uids)).toBe(expected));
  it('chunks keep order and size', () => expect(chunkUids([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]));
});
