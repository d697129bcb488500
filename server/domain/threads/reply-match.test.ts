import { describe, expect, it } from 'vitest';
import { explainMatch, matchReply, SUBJECT_MATCH_WINDOW_MS, type MessageMeta, type ThreadCandidate, type TrackedId } from './reply-match';

const DAY = 86_400_000;
const now = new Date('2026-03-10T12:00:00Z');
const header = Buffer.from(Array.from({ length: 22 }, (_, i) => i + 1));
const threadIndexValue = Buffer.concat([header, Buffer.from([9, 9, 9, 9, 9])]).toString('base64');
const threadIndexRootHex = header.toString('hex');

const tracked = new Map<string, TrackedId>([
  ['sent-1@crm.example.com', { threadId: 'T1', source: 'sent' }],
  ['logged-2@crm.example.com', { threadId: 'T2', source: 'logged' }],
  ['bcc-3@crm.example.com', { threadId: 'T3', source: 'bcc' }],
]);

const msg = (over: Partial<MessageMeta> = {}): MessageMeta => ({
  messageId: '<new@contact.example.org>',
  inReplyTo: null,
  references: null,
  subject: 'Re: Proposal',
  from: [{ address: 'kari@contact.example.org', name: 'Kari' }],
  to: [{ address: 'rep@us.example.com' }],
  cc: [],
  date: now,
  ...over,
});

const candidate = (over: Partial<ThreadCandidate> = {}): ThreadCandidate => ({
  threadId: 'C1',
  threadIndexRoot: null,
  normalisedSubject: 'proposal',
  participants: ['kari@contact.example.org', 'rep@us.example.com'],
  lastActivityAt: new Date(now.getTime() - 2 * DAY),
  ...over,
});

describe('matchReply precedence (PRODUCT #7)', () => {
  it.each<[string, Partial<MessageMeta>, string, string, string | undefined]>([
    ['In-Reply-To hit', { inReplyTo: '<sent-1@crm.example.com>' }, 'T1', 'in-reply-to', 'sent-1@crm.example.com'],
    ['In-Reply-To with junk', { inReplyTo: '<sent-1@CRM.example.com> (your message of Monday)' }, 'T1', 'in-reply-to', 'sent-1@crm.example.com'],
    ['In-Reply-To wins over References', { inReplyTo: '<logged-2@crm.example.com>', references: '<sent-1@crm.example.com>' }, 'T2', 'in-reply-to', 'logged-2@crm.example.com'],
    ['References newest first', { references: '<sent-1@crm.example.com> <x@y> <logged-2@crm.example.com>' }, 'T2', 'references', 'logged-2@crm.example.com'],
    ['References: only the root is tracked', { references: '<sent-1@crm.example.com> <a@y> <b@y> <c@y>' }, 'T1', 'references', 'sent-1@crm.example.com'],
    ['untracked In-Reply-To, tracked References', { inReplyTo: '<zzz@y>', references: '<bcc-3@crm.example.com> <zzz@y>' }, 'T3', 'references', 'bcc-3@crm.example.com'],
    ['References without brackets', { references: 'bcc-3@crm.example.com' }, 'T3', 'references', 'bcc-3@crm.example.com'],
    ['parsed arrays accepted', { references: ['<sent-1@crm.example.com>'] }, 'T1', 'references', 'sent-1@crm.example.com'],
    ['own Message-ID tracked (Sent copy)', { messageId: '<sent-1@crm.example.com>', inReplyTo: '<logged-2@crm.example.com>' }, 'T1', 'message-id', 'sent-1@crm.example.com'],
  ])('%s', (_n, over, threadId, via, matchedId) => {
    const d = matchReply({ message: msg(over), tracked });
    expect(d).toMatchObject({ matched: true, threadId, via });
    if (d.matched) expect(d.matchedId).toBe(matchedId);
  });

  it('finds the root among 10,000 references (kept by the cap)', () => {
    const refs = ['<sent-1@crm.example.com>', ...Array.from({ length: 9_999 }, (_, i) => `<r${i}@y>`)].join(' ');
    expect(matchReply({ message: msg({ references: refs }), tracked })).toMatchObject({ matched: true, threadId: 'T1', via: 'references' });
  });

  it('headers beat fallbacks', () => {
    const d = matchReply({
      message: msg({ inReplyTo: '<sent-1@crm.example.com>', threadIndex: threadIndexValue }),
      tracked,
      candidates: [candidate({ threadIndexRoot: threadIndexRootHex })],
    });
    expect(d).toMatchObject({ matched: true, threadId: 'T1', via: 'in-reply-to' });
  });
});

describe('matchReply fallbacks', () => {
  it('Thread-Index root matches a candidate', () => {
    const d = matchReply({ message: msg({ threadIndex: threadIndexValue, subject: 'different' }), tracked, candidates: [candidate({ threadId: 'C9', threadIndexRoot: threadIndexRootHex })] });
    expect(d).toEqual({ matched: true, threadId: 'C9', via: 'thread-index', matchedId: threadIndexRootHex, header: 'Thread-Index' });
  });

  it('Thread-Index prefers Thread-Index over subject when both could match', () => {
    const d = matchReply({
      message: msg({ threadIndex: threadIndexValue }),
      tracked,
      candidates: [candidate({ threadId: 'SUBJ' }), candidate({ threadId: 'TI', threadIndexRoot: threadIndexRootHex, normalisedSubject: 'other' })],
    });
    expect(d).toMatchObject({ via: 'thread-index', threadId: 'TI' });
  });

  it.each<[string, Partial<MessageMeta>, Partial<ThreadCandidate>, boolean]>([
    ['same subject + shared participant, inside window', {}, {}, true],
    ['localized prefix AW:', { subject: 'AW: [EXT] Proposal' }, {}, true],
    ['participant shared via cc', { from: 'someone@else.org', cc: ['Kari@Contact.Example.org'] }, {}, true],
    ['no reply prefix: a new email reusing a subject', { subject: 'Proposal' }, {}, false],
    ['different subject', { subject: 'Re: Invoice' }, {}, false],
    ['empty subject after stripping', { subject: 'Re: ' }, { normalisedSubject: '' }, false],
    ['no shared participant', { from: 'other@else.org' }, {}, false],
    ['only the owner is shared', { from: 'rep@us.example.com', to: 'someone@else.org' }, { participants: ['rep@us.example.com'] }, false],
    ['exactly at the window edge', {}, { lastActivityAt: new Date(now.getTime() - SUBJECT_MATCH_WINDOW_MS) }, true],
    ['1 ms outside the window', {}, { lastActivityAt: new Date(now.getTime() - SUBJECT_MATCH_WINDOW_MS - 1) }, false],
    ['candidate activity after the message, inside window', {}, { lastActivityAt: new Date(now.getTime() + DAY) }, true],
  ])('subject + participants: %s → %s', (_n, over, cOver, expected) => {
    const d = matchReply({ message: msg(over), tracked, candidates: [candidate(cOver)], ownAddresses: ['rep@us.example.com'] });
    expect(d.matched).toBe(expected);
    if (d.matched) {
      expect(d.via).toBe('subject-participants');
      expect(d.sharedParticipants?.length).toBeGreaterThan(0);
      expect(d.sharedParticipants).not.toContain('rep@us.example.com');
    }
  });

  it('picks the most recently active candidate, ties broken by thread id', () => {
    const older = candidate({ threadId: 'OLD', lastActivityAt: new Date(now.getTime() - 5 * DAY) });
    const newer = candidate({ threadId: 'NEW', lastActivityAt: new Date(now.getTime() - DAY) });
    expect(matchReply({ message: msg(), tracked, candidates: [older, newer] })).toMatchObject({ threadId: 'NEW' });
    const tieA = candidate({ threadId: 'B' });
    const tieB = candidate({ threadId: 'A' });
    expect(matchReply({ message: msg(), tracked, candidates: [tieA, tieB] })).toMatchObject({ threadId: 'A' });
  });

  it('a custom window is honoured', () => {
    const c = candidate({ lastActivityAt: new Date(now.getTime() - 3 * DAY) });
    expect(matchReply({ message: msg(), tracked, candidates: [c], subjectWindowMs: 2 * DAY }).matched).toBe(false);
    expect(matchReply({ message: msg(), tracked, candidates: [c], subjectWindowMs: 3 * DAY }).matched).toBe(true);
  });
});

describe('matchReply unmatched outcomes record why', () => {
  it.each<[string, Partial<MessageMeta>, ThreadCandidate[], object]>([
    ['no headers at all', { subject: 'Hello' }, [], { reason: 'no-references', checkedIds: [], fallbacksTried: [] }],
    ['junk-only references', { references: 'garbage text', inReplyTo: '<>' }, [], { reason: 'no-references', checkedIds: [] }],
    [
      'untracked ids, newest first, no duplicates',
      { inReplyTo: '<c@y>', references: '<a@y> <b@y> <c@y>' },
      [],
      { reason: 'references-not-tracked', checkedIds: ['c@y', 'b@y', 'a@y'], fallbacksTried: [] },
    ],
    [
      'fallbacks tried and failed',
      { references: '<a@y>', threadIndex: threadIndexValue },
      [candidate({ normalisedSubject: 'nope' })],
      { reason: 'references-not-tracked', checkedIds: ['a@y'], fallbacksTried: ['thread-index', 'subject-participants'] },
    ],
  ])('%s', (_n, over, candidates, expected) => {
    const d = matchReply({ message: msg(over), tracked, candidates });
    expect(d).toMatchObject({ matched: false, ...expected });
  });

  it('a null Message-ID is fine', () => {
    expect(matchReply({ message: msg({ messageId: null }), tracked }).matched).toBe(false);
  });

  it('the decision survives a JSON round trip (stored as jsonb)', () => {
    const d = matchReply({ message: msg({ inReplyTo: '<sent-1@crm.example.com>' }), tracked });
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});

describe('explainMatch', () => {
  it.each<[string, Partial<MessageMeta>, ThreadCandidate[], RegExp]>([
    ['in-reply-to', { inReplyTo: '<sent-1@crm.example.com>' }, [], /replies directly to an email sent from the CRM \(In-Reply-To <sent-1@crm\.example\.com>\)/],
    ['references', { references: '<logged-2@crm.example.com>' }, [], /References header contains an email logged in the CRM/],
    ['bcc', { references: '<bcc-3@crm.example.com>' }, [], /logged by BCC/],
    ['message-id', { messageId: '<sent-1@crm.example.com>' }, [], /itself an email sent from the CRM/],
    ['thread-index', { threadIndex: threadIndexValue }, [candidate({ threadIndexRoot: threadIndexRootHex, normalisedSubject: 'x' })], /Thread-Index/],
    ['subject', {}, [candidate()], /same subject as a tracked conversation and shares participants \(kari@contact\.example\.org\)/],
    ['no refs', { subject: 'Hi' }, [], /does not reply to any earlier email/],
    ['not tracked (1)', { references: '<a@y>' }, [], /none of the 1 referenced email was/],
    ['not tracked (2)', { references: '<a@y> <b@y>' }, [], /none of the 2 referenced emails/],
  ])('%s', (_n, over, candidates, pattern) => {
    expect(explainMatch(matchReply({ message: msg(over), tracked, candidates, ownAddresses: ['rep@us.example.com'] }))).toMatch(pattern);
  });
});
