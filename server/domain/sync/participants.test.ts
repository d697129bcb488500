import { describe, expect, it } from 'vitest';
import { addressDomain, collectParticipants, mapParticipantsToContacts, normaliseAddress } from './participants';

describe('normaliseAddress', () => {
  it.each([
    ['Kari@Example.NO', 'kari@example.no'],
    ['  kari@example.no  ', 'kari@example.no'],
    ['<kari@example.no>', 'kari@example.no'],
    ['mailto:kari@example.no', 'kari@example.no'],
    ['kari@example.no.', 'kari@example.no'],
    ['"odd name"@example.no', null],
    ['a+tag@example.no', 'a+tag@example.no'],
    ['k.a.r.i@gmail.com', 'k.a.r.i@gmail.com'],
    ['ÅSE@BLÅBÆR.NO', 'åse@blåbær.no'],
    ['x@xn--blbr-roa3a.no', 'x@xn--blbr-roa3a.no'],
  ])('%j → %j', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });

  it.each([[null], [undefined], [''], ['nobody'], ['@example.no'], ['kari@'], ['a b@example.no'], ['a@b,c@d'], [`${'a'.repeat(250)}@example.no`]])('%j → null', (raw) => {
    expect(normaliseAddress(raw)).toBeNull();
  });

  it.each([
    ['a@Example.COM', 'example.com'],
    ['a@b@c.com', 'c.com'],
    ['nodomain', null],
    ['a@', null],
  ])('addressDomain(%j) = %j', (a, d) => {
    expect(addressDomain(a)).toBe(d);
  });
});

describe('collectParticipants', () => {
  it('collects from/to/cc/reply-to in order, unique, without own addresses', () => {
    const out = collectParticipants(
      {
        from: { address: 'Kari@Contact.no', name: 'Kari' },
        to: [{ address: 'rep@us.com' }, { address: 'ola@contact.no' }, 'kari@contact.no'],
        cc: [{ address: 'Per@partner.de' }, { address: null }, null, { address: 'junk' }],
        replyTo: [{ address: 'support@contact.no' }],
      },
      ['REP@us.com', 'alias@us.com'],
    );
    expect(out).toEqual(['kari@contact.no', 'ola@contact.no', 'per@partner.de', 'support@contact.no']);
  });

  it.each([
    ['nothing', {}, []],
    ['only own', { from: 'rep@us.com', to: ['alias@us.com'] }, []],
    ['single strings', { from: 'a@x.com', to: 'b@x.com' }, ['a@x.com', 'b@x.com']],
  ])('%s', (_n, headers, expected) => {
    expect(collectParticipants(headers, ['rep@us.com', 'alias@us.com'])).toEqual(expected);
  });

  it('handles 10,000 recipients', () => {
    const to = Array.from({ length: 10_000 }, (_, i) => ({ address: `p${i % 5000}@x.com` }));
    expect(collectParticipants({ to })).toHaveLength(5000);
  });
});

describe('mapParticipantsToContacts', () => {
  const book = new Map([
    ['kari@contact.no', 'c-kari'],
    ['kari.private@gmail.com', 'c-kari'],
    ['ola@contact.no', 'c-ola'],
  ]);
  it.each<[string, string[], string[], string[]]>([
    ['one contact', ['kari@contact.no'], ['c-kari'], []],
    ['two addresses of one contact → one id', ['kari@contact.no', 'Kari.Private@gmail.com'], ['c-kari'], []],
    ['two contacts and a stranger', ['ola@contact.no', 'x@y.com', 'kari@contact.no'], ['c-ola', 'c-kari'], ['x@y.com']],
    ['nobody known', ['x@y.com'], [], ['x@y.com']],
    ['empty', [], [], []],
  ])('%s', (_n, participants, contactIds, unknown) => {
    const r = mapParticipantsToContacts(participants, book);
    expect(r.contactIds).toEqual(contactIds);
    expect(r.unknown).toEqual(unknown);
  });

  it('lists every matched address', () => {
    expect(mapParticipantsToContacts(['kari@contact.no', 'kari.private@gmail.com'], book).matched).toEqual([
      { address: 'kari@contact.no', contactId: 'c-kari' },
      { address: 'kari.private@gmail.com', contactId: 'c-kari' },
    ]);
  });
});
