import { describe, expect, it } from 'vitest';
import { addressKey, parseEmailAddress } from './address-syntax';

describe('parseEmailAddress', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace@Example.COM ', 'Ada.Lovelace@example.com'],
    ['first+tag@sub.example.co.uk', 'first+tag@sub.example.co.uk'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['ada@bücher.example', 'ada@xn--bcher-kva.example'],
    ['jørn@example.no', 'jørn@example.no'],
    ['a@b.co', 'a@b.co'],
  ])('%j → %s', (input, address) => {
    expect(parseEmailAddress(input)).toMatchObject({ ok: true, address });
  });

  it.each([
    ['', /Enter an email address/],
    ['ada.example.com', /missing the @/],
    ['@example.com', /nothing before/],
    ['ada@', /nothing after/],
    ['ada@@example.com', /not a valid/],
    ['a b@example.com', /spaces/],
    ['.ada@example.com', /not a valid/],
    ['ada.@example.com', /not a valid/],
    ['a..da@example.com', /not a valid/],
    ['"ada"@example.com', /not a valid/],
    ['ada@localhost', /valid domain/],
    ['ada@[127.0.0.1]', /not a valid/],
    ['ada@127.0.0.1', /valid domain/],
    ['ada@example.com.', /not a valid/],
    ['ada@exa_mple.com', /valid domain/],
    ['ada@example.com\r\nBcc: x@y.z', /invisible or control/],
    ['ada\u202e@example.com', /invisible or control/],
    ['ad\u200ba@example.com', /invisible or control/],
    [`${'a'.repeat(65)}@example.com`, /too long/],
    [`a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.com`, /valid domain/],
    [`${'a'.repeat(64)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(60)}.com`, /too long/],
    ['x'.repeat(10_000), /too long/],
    ['<ada@example.com>', /not a valid/],
    ['Ada <ada@example.com>', /spaces/],
  ])('%j is refused (%s)', (input, message) => {
    const result = parseEmailAddress(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('addressKey treats case as insignificant', () => {
    expect(addressKey('Ada@Example.com')).toBe(addressKey('ada@example.com'));
  });
});
