import { describe, expect, it } from 'vitest';
import { ingestGuard, normalizeAddress } from './ingest-guard';

const msg = (over: Partial<Parameters<typeof ingestGuard>[0]> = {}) => ({
  messageId: '<a@x.test>',
  fromAddress: 'Ann@Customer.test',
  toAddresses: [{ address: 'rep@org.test' }],
  ccAddresses: [] as { address: string }[],
  ...over,
});

describe('ingestGuard (PRODUCT #17, erase by address)', () => {
  const none = { purgedMessageIds: new Set<string>(), suppressedAddresses: new Set<string>() };

  it('stores an ordinary message', () => {
    expect(ingestGuard(msg(), none)).toEqual({ store: true });
  });

  it('refuses a Message-ID whose metadata was purged (no resurrection)', () => {
    expect(ingestGuard(msg(), { ...none, purgedMessageIds: new Set(['<a@x.test>']) })).toEqual({ store: false, reason: 'metadata-purged', rule: 17 });
  });

  it.each([
    ['sender', msg({ fromAddress: ' ANN@customer.TEST ' })],
    ['to', msg({ fromAddress: 'rep@org.test', toAddresses: [{ address: 'ann@customer.test' }] })],
    ['cc', msg({ fromAddress: 'rep@org.test', ccAddresses: [{ address: 'Ann@customer.test' }] })],
    ['bcc', msg({ fromAddress: 'rep@org.test', bccAddresses: [{ address: 'ann@customer.test' }] })],
  ])('refuses a message with a suppressed %s, ignoring case', (_where, m) => {
    expect(ingestGuard(m, { ...none, suppressedAddresses: new Set(['ann@customer.test']) })).toEqual({ store: false, reason: 'address-suppressed', rule: 'erase' });
  });

  it('does not match a suppressed address as a substring of another', () => {
    expect(ingestGuard(msg({ fromAddress: 'joann@customer.test' }), { ...none, suppressedAddresses: new Set(['ann@customer.test']) })).toEqual({ store: true });
  });

  it('normalizes by trimming and lower-casing', () => {
    expect(normalizeAddress('  Bob@Example.ORG ')).toBe('bob@example.org');
  });
});
