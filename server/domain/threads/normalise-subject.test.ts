import { describe, expect, it } from 'vitest';
import { normaliseSubject, splitSubject } from './normalise-subject';

describe('normaliseSubject (PRODUCT #7 fallback)', () => {
  it.each([
    ['Quote for Q3', 'quote for q3'],
    ['Re: Quote for Q3', 'quote for q3'],
    ['RE: Quote for Q3', 'quote for q3'],
    ['Fwd: Quote for Q3', 'quote for q3'],
    ['FW: Quote for Q3', 'quote for q3'],
    ['AW: Angebot', 'angebot'],
    ['WG: Angebot', 'angebot'],
    ['SV: Tilbud', 'tilbud'],
    ['VS: Tilbud', 'tilbud'],
    ['Vs: Tilbud', 'tilbud'],
    ['TR: Devis', 'devis'],
    ['RV: Presupuesto', 'presupuesto'],
    ['RE[2]: Quote', 'quote'],
    ['Re(3): Quote', 'quote'],
    ['Re^2: Quote', 'quote'],
    ['Re : Quote', 'quote'],
    ['回复：报价', '报价'],
    ['Re: Fwd: RE: AW: Quote', 'quote'],
    ['[EXTERNAL] Re: Quote', 'quote'],
    ['Re: [JIRA] Re: Quote', 'quote'],
    ['  Re:   Quote    for\tQ3  ', 'quote for q3'],
    ['Re:\u00a0Quote', 'quote'],
    ['', ''],
    ['Re:', ''],
    ['[tag]', ''],
    ['Regarding the quote', 'regarding the quote'],
    ['Result: ok', 'result: ok'],
    ['Résumé', 'résumé'],
    ['Ärger mit Lieferung', 'ärger mit lieferung'],
  ])('%j → %j', (subject, expected) => {
    expect(normaliseSubject(subject)).toBe(expected);
  });

  it.each([[null], [undefined]])('%j → empty', (s) => {
    expect(normaliseSubject(s)).toBe('');
  });

  it.each([
    ['Re: x', true],
    ['Fwd: x', true],
    ['[EXT] AW: x', true],
    ['x', false],
    ['[EXT] x', false],
    ['Regarding x', false],
  ])('hadReplyPrefix(%j) = %s', (subject, expected) => {
    expect(splitSubject(subject).hadReplyPrefix).toBe(expected);
  });

  it('stops on a hostile 100,000 "Re:" subject in bounded time', () => {
    const s = 'Re: '.repeat(100_000) + 'x';
    const out = normaliseSubject(s);
    expect(out.startsWith('re:')).toBe(true);
  }, 30_000);

  it('treats NFC and NFD forms alike', () => {
    expect(normaliseSubject('Re: Re\u0301sume\u0301')).toBe(normaliseSubject('Résumé'));
  });
});
