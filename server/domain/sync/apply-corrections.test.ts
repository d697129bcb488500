import { describe, expect, it } from 'vitest';
import { applyThreadCorrections } from './apply-corrections';

const base = { contactIds: ['a', 'b'], threadId: 't1' };
describe('thread corrections consulted before logging (PRODUCT #11)', () => {
  it.each([
    ['remove one contact', [{ kind: 'remove' as const, fromContactId: 'a', toContactId: null, toThreadId: null }], { contactIds: ['b'], threadId: 't1' }],
    ['remove from everyone', [{ kind: 'remove' as const, fromContactId: null, toContactId: null, toThreadId: null }], { contactIds: [], threadId: 't1' }],
    ['move to another contact', [{ kind: 'move' as const, fromContactId: 'a', toContactId: 'c', toThreadId: null }], { contactIds: ['b', 'c'], threadId: 't1' }],
    ['split into another thread', [{ kind: 'split' as const, fromContactId: null, toContactId: null, toThreadId: 't2' }], { contactIds: ['a', 'b'], threadId: 't2' }],
    ['no corrections', [], base],
  ])('%s', (_name, corrections, expected) => expect(applyThreadCorrections(base, corrections)).toEqual(expected));
});
