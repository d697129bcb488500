import { describe, expect, it } from 'vitest';
import { MAX_REFERENCES_HEADER_CHARS, MAX_REPLY_REFERENCES, threadingHeadersFor } from './references-for-reply';

describe('threadingHeadersFor (RFC 5322 §3.6.4, PRODUCT #11)', () => {
  it('a new email carries no references', () => {
    expect(threadingHeadersFor(null)).toEqual({ inReplyTo: null, references: null, referenceIds: [] });
  });

  it('a parent with an unusable id behaves like a new email', () => {
    expect(threadingHeadersFor({ messageId: '<>' })).toEqual({ inReplyTo: null, references: null, referenceIds: [] });
  });

  it.each<[string, Parameters<typeof threadingHeadersFor>[0], string, string[]]>([
    ['reply to a first email', { messageId: '<p@x.com>' }, '<p@x.com>', ['p@x.com']],
    ['appends the parent to its References', { messageId: 'p@x.com', references: '<a@x.com> <b@x.com>' }, '<p@x.com>', ['a@x.com', 'b@x.com', 'p@x.com']],
    ['uses a single In-Reply-To when References is missing', { messageId: '<p@x.com>', inReplyTo: '<a@x.com>' }, '<p@x.com>', ['a@x.com', 'p@x.com']],
    ['ignores a multi-id In-Reply-To', { messageId: '<p@x.com>', inReplyTo: '<a@x.com> <b@x.com>' }, '<p@x.com>', ['p@x.com']],
    ['no duplicate when the parent is already listed', { messageId: '<p@x.com>', references: '<a@x.com> <p@x.com>' }, '<p@x.com>', ['a@x.com', 'p@x.com']],
    ['junk in references is dropped', { messageId: '<p@x.com>', references: 'junk <a@x.com> (c)' }, '<p@x.com>', ['a@x.com', 'p@x.com']],
  ])('%s', (_n, parent, inReplyTo, ids) => {
    const h = threadingHeadersFor(parent);
    expect(h.inReplyTo).toBe(inReplyTo);
    expect(h.referenceIds).toEqual(ids);
    expect(h.references).toBe(ids.map((i) => `<${i}>`).join(' '));
  });

  it('10,000 references → root + newest, at most 20 ids, parent last', () => {
    const refs = Array.from({ length: 10_000 }, (_, i) => `<r${i}@x.com>`).join(' ');
    const h = threadingHeadersFor({ messageId: '<p@x.com>', references: refs });
    expect(h.referenceIds).toHaveLength(MAX_REPLY_REFERENCES);
    expect(h.referenceIds[0]).toBe('r0@x.com');
    expect(h.referenceIds[1]).toBe('r9982@x.com');
    expect(h.referenceIds.at(-2)).toBe('r9999@x.com');
    expect(h.referenceIds.at(-1)).toBe('p@x.com');
    expect(h.references!.length).toBeLessThanOrEqual(MAX_REFERENCES_HEADER_CHARS);
  });

  it('long ids are trimmed by characters, keeping root and parent', () => {
    const long = (i: number) => `<${'x'.repeat(200)}${i}@example.com>`;
    const refs = Array.from({ length: 15 }, (_, i) => long(i)).join(' ');
    const h = threadingHeadersFor({ messageId: '<p@x.com>', references: refs });
    expect(h.references!.length).toBeLessThanOrEqual(MAX_REFERENCES_HEADER_CHARS);
    expect(h.referenceIds[0]).toContain('x0@');
    expect(h.referenceIds.at(-1)).toBe('p@x.com');
    expect(h.referenceIds.at(-2)).toContain('x14@');
    expect(h.referenceIds.length).toBeGreaterThan(2);
  });

  it('an absurdly long id in the chain is skipped', () => {
    const h = threadingHeadersFor({ messageId: '<p@x.com>', references: `<a@x.com> <${'y'.repeat(600)}@x.com> <b@x.com>` });
    expect(h.referenceIds).toEqual(['a@x.com', 'b@x.com', 'p@x.com']);
  });

  it('never contains CR or LF (header injection)', () => {
    const h = threadingHeadersFor({ messageId: '<p@x.com>\r\nBcc: evil@x.com', references: '<a@x.com>\r\nX-Evil: 1' });
    expect(h.references).not.toMatch(/[\r\n]/);
    expect(h.inReplyTo).not.toMatch(/[\r\n]/);
  });
});
