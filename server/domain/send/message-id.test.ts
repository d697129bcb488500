import { describe, expect, it } from 'vitest';
import { buildMessageId, isValidMessageId } from './message-id';

describe('buildMessageId', () => {
  it.each([
    ['Q2xhdWRlIGlzIGhlcmU', 'acme.example', '<Q2xhdWRlIGlzIGhlcmU@acme.example>'],
    ['0123456789abcdef', 'MAIL.Acme.Example.', '<0123456789abcdef@mail.acme.example>'],
    ['a-b_c-d_e-f_g-h_i', 'bücher.example', '<a-b_c-d_e-f_g-h_i@xn--bcher-kva.example>'],
  ])('%s @ %s → %s', (random, domain, expected) => {
    const result = buildMessageId({ random, domain });
    expect(result).toEqual({ ok: true, messageId: expected });
    if (result.ok) expect(isValidMessageId(result.messageId)).toBe(true);
  });

  it.each([
    ['short', 'acme.example', 'weak-random'],
    ['', 'acme.example', 'bad-random'],
    ['has space 1234567890', 'acme.example', 'bad-random'],
    ['has@at1234567890123', 'acme.example', 'bad-random'],
    ['line\r\nbreak1234567890', 'acme.example', 'bad-random'],
    ['x'.repeat(129), 'acme.example', 'bad-random'],
    ['0123456789abcdef', '', 'bad-domain'],
    ['0123456789abcdef', 'localhost', 'bad-domain'],
    ['0123456789abcdef', '127.0.0.1', 'bad-domain'],
    ['0123456789abcdef', 'acme.example>\r\nBcc: x@y.z', 'bad-domain'],
    ['0123456789abcdef', 'acme..example', 'bad-domain'],
  ])('%j @ %j → %s', (random, domain, problem) => {
    expect(buildMessageId({ random, domain })).toMatchObject({ ok: false, problem });
  });
});

describe('isValidMessageId (RFC 5322 3.6.4)', () => {
  it.each([
    '<abc@example.com>',
    '<CAF=abc+def@mail.gmail.com>',
    '<1234.5678@[127.0.0.1]>',
    '<a.b.c@d>',
  ])('%s is valid', (id) => {
    expect(isValidMessageId(id)).toBe(true);
  });
  it.each([
    'abc@example.com',
    '<abc@example.com',
    '<>',
    '<@example.com>',
    '<abc@>',
    '<abc example@x.com>',
    '<abc@x.com>\r\nBcc: evil@x.com',
    '<a..b@x.com>',
    '<.ab@x.com>',
    '<ab@x.com.>',
    '<a"b@x.com>',
    `<${'a'.repeat(1000)}@x.com>`,
    '<abc@exa mple.com>',
    '<ab\u0000c@x.com>',
  ])('%j is invalid', (id) => {
    expect(isValidMessageId(id)).toBe(false);
  });
});
