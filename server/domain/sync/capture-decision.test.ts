import { describe, expect, it } from 'vitest';
import type { MatchDecision } from '../threads/reply-match';
import { decideCapture, type CaptureInput } from './capture-decision';

const matched: MatchDecision = { matched: true, threadId: 'T1', via: 'in-reply-to', matchedId: 'a@crm', header: 'In-Reply-To', source: 'sent' };
const unmatched: MatchDecision = { matched: false, reason: 'references-not-tracked', checkedIds: ['x@y'], fallbacksTried: [] };
const contacts = new Map([
  ['kari@contact.no', 'c-kari'],
  ['kari@home.no', 'c-kari'],
  ['ola@contact.no', 'c-ola'],
]);
const base: CaptureInput = {
  match: matched,
  classification: 'normal',
  participants: ['kari@contact.no', 'ola@contact.no', 'stranger@x.org'],
  contactByAddress: contacts,
  neverLog: [],
  suppressed: new Set(),
};

describe('decideCapture (PRODUCT #7, #8)', () => {
  it.each<[string, Partial<CaptureInput>, string, string]>([
    ['CRM thread reply', {}, 'body', 'crm-thread'],
    ['not a CRM thread', { match: unmatched }, 'metadata-only', 'not-a-crm-thread'],
    ['own CRM email (Sent copy)', { match: { ...matched, via: 'message-id' } }, 'metadata-only', 'already-logged'],
    ['never-log domain (subdomain)', { participants: ['kari@contact.no', 'x@sales.blocked.com'], neverLog: [{ kind: 'domain', value: 'blocked.com' }] }, 'metadata-only', 'never-log'],
    ['never-log address', { neverLog: [{ kind: 'address', value: 'Ola@contact.no' }] }, 'metadata-only', 'never-log'],
    ['never-log rule that matches nobody', { neverLog: [{ kind: 'domain', value: 'elsewhere.com' }] }, 'body', 'crm-thread'],
    ['suppressed participant', { suppressed: new Set(['ola@contact.no']) }, 'metadata-only', 'suppressed'],
    ['suppressed beats never-log', { suppressed: new Set(['ola@contact.no']), neverLog: [{ kind: 'domain', value: 'contact.no' }] }, 'metadata-only', 'suppressed'],
    ['bulk in a CRM thread', { classification: 'bulk' }, 'metadata-only', 'bulk'],
    ['auto-reply is logged (marked)', { classification: 'auto_reply' }, 'body', 'crm-thread'],
    ['bounce is logged (marked)', { classification: 'bounce' }, 'body', 'crm-thread'],
    ['no known contact', { participants: ['stranger@x.org'] }, 'metadata-only', 'no-known-contact'],
    ['no participants at all', { participants: [] }, 'metadata-only', 'no-known-contact'],
    ['unmatched beats everything', { match: unmatched, classification: 'bulk', suppressed: new Set(['kari@contact.no']) }, 'metadata-only', 'not-a-crm-thread'],
  ])('%s → %s (%s)', (_n, over, capture, reason) => {
    const d = decideCapture({ ...base, ...over });
    expect(d.capture).toBe(capture);
    expect(d.reason).toBe(reason);
  });

  it('logs once per contact, in participant order', () => {
    const d = decideCapture({ ...base, participants: ['ola@contact.no', 'kari@home.no', 'kari@contact.no'] });
    expect(d).toMatchObject({ capture: 'body', logOnContactIds: ['c-ola', 'c-kari'], markAs: 'normal', redactAddresses: [] });
  });

  it('marks auto-replies and bounces', () => {
    expect(decideCapture({ ...base, classification: 'auto_reply' })).toMatchObject({ markAs: 'auto_reply' });
    expect(decideCapture({ ...base, classification: 'bounce' })).toMatchObject({ markAs: 'bounce' });
  });

  it('tells the sync which suppressed addresses to redact even on non-CRM mail', () => {
    const d = decideCapture({ ...base, match: unmatched, suppressed: new Set(['stranger@x.org']) });
    expect(d.redactAddresses).toEqual(['stranger@x.org']);
  });

  it('reports the blocking rule', () => {
    const d = decideCapture({ ...base, neverLog: [{ kind: 'domain', value: 'contact.no' }] });
    expect(d).toMatchObject({ capture: 'metadata-only', reason: 'never-log', blocked: [{ address: 'kari@contact.no', by: 'domain', rule: 'contact.no' }, { address: 'ola@contact.no', by: 'domain', rule: 'contact.no' }] });
  });
});
