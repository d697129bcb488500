import { describe, expect, it } from 'vitest';
import { findBlocked, matchNeverLog, normaliseDomainRule, type NeverLogRule } from './never-log';

const rules: NeverLogRule[] = [
  { kind: 'domain', value: 'example.com' },
  { kind: 'domain', value: '@Partner.DE' },
  { kind: 'address', value: 'CEO@Client.no' },
  { kind: 'domain', value: 'xn--blbr-roa3a.no' },
];

describe('matchNeverLog', () => {
  it.each<[string, boolean, string?, string?]>([
    ['a@example.com', true, 'domain', 'example.com'],
    ['A@EXAMPLE.COM', true, 'domain', 'example.com'],
    ['a@sales.example.com', true, 'domain', 'example.com'],
    ['a@deep.sales.example.com', true, 'domain', 'example.com'],
    ['a@badexample.com', false],
    ['a@example.com.evil.net', false],
    ['a@example.co', false],
    ['a@partner.de', true, 'domain', '@Partner.DE'],
    ['ceo@client.no', true, 'address', 'CEO@Client.no'],
    ['<CEO@client.no>', true, 'address', 'CEO@Client.no'],
    ['cfo@client.no', false],
    ['x@client.no', false],
    ['a@xn--blbr-roa3a.no', true, 'domain', 'xn--blbr-roa3a.no'],
    ['a@blåbær.no', false], // IDNA-agnostic: Unicode form is not the punycode rule
    ['example.com', false],
    ['', false],
  ])('%j → blocked %s', (address, blocked, by, rule) => {
    const m = matchNeverLog(address, rules);
    expect(m.blocked).toBe(blocked);
    if (m.blocked) expect(m).toEqual({ blocked: true, by, rule });
  });

  it('suppressed addresses are blocked first', () => {
    expect(matchNeverLog('Erased@Example.com', rules, new Set(['erased@example.com']))).toEqual({ blocked: true, by: 'suppressed', rule: 'erased@example.com' });
    expect(matchNeverLog('erased@other.org', [], new Set(['erased@other.org']))).toMatchObject({ by: 'suppressed' });
  });

  it('no rules → nothing blocked', () => {
    expect(matchNeverLog('a@example.com', [])).toEqual({ blocked: false });
  });

  it.each([
    ['example.com', 'example.com'],
    ['@example.com', 'example.com'],
    ['.example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    ['  example.com ', 'example.com'],
    ['', null],
    ['a b.com', null],
    ['a@b.com', null],
  ])('normaliseDomainRule(%j) = %j', (v, expected) => {
    expect(normaliseDomainRule(v)).toBe(expected);
  });

  it('a malformed domain rule matches nothing', () => {
    expect(matchNeverLog('a@b.com', [{ kind: 'domain', value: '' }])).toEqual({ blocked: false });
  });

  it('findBlocked lists each blocked participant', () => {
    expect(findBlocked(['ok@fine.org', 'A@sales.example.com', 'gone@x.org'], rules, new Set(['gone@x.org']))).toEqual([
      { address: 'a@sales.example.com', by: 'domain', rule: 'example.com' },
      { address: 'gone@x.org', by: 'suppressed', rule: 'gone@x.org' },
    ]);
  });
});
