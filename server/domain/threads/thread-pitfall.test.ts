import { describe, expect, it } from 'vitest';
import { threadPitfall, type PitfallInput } from './thread-pitfall';

const original = ['kari@contact.no', 'rep@us.com', 'ola@contact.no'];
const base: PitfallInput = { mode: 'reply', originalParticipants: original, recipients: ['kari@contact.no'], quotedOriginalKept: true, ownAddresses: ['rep@us.com'] };

describe('threadPitfall (PRODUCT #11)', () => {
  it.each<[string, Partial<PitfallInput>, boolean, string]>([
    ['plain reply to the thread', {}, false, 'same-conversation'],
    ['reply, text replaced, same people', { quotedOriginalKept: false }, false, 'same-conversation'],
    ['reply-all incl. own address', { recipients: ['kari@contact.no', 'ola@contact.no', 'REP@us.com'] }, false, 'same-conversation'],
    ['case differences are not new people', { recipients: ['KARI@Contact.NO'], quotedOriginalKept: false }, false, 'same-conversation'],
    ['forward to someone new keeping the original', { mode: 'forward', recipients: ['new@else.com'] }, false, 'forward-with-original'],
    ['THE PITFALL: reply, new recipient, text deleted', { recipients: ['new@else.com'], quotedOriginalKept: false }, true, 'new-recipients-without-original'],
    ['pitfall on forward too', { mode: 'forward', recipients: ['new@else.com'], quotedOriginalKept: false }, true, 'new-recipients-without-original'],
    ['pitfall with one new among old', { recipients: ['kari@contact.no', 'new@else.com'], quotedOriginalKept: false }, true, 'new-recipients-without-original'],
    ['new email never nudged', { mode: 'new', recipients: ['new@else.com'], quotedOriginalKept: false }, false, 'new-email'],
    ['no valid recipients yet', { recipients: ['', 'not-an-address'], quotedOriginalKept: false }, false, 'no-recipients'],
  ])('%s', (_n, over, nudge, reason) => {
    const d = threadPitfall({ ...base, ...over });
    expect(d.nudge).toBe(nudge);
    expect(d.reason).toBe(reason);
  });

  it('names the new recipients, de-duplicated and normalised', () => {
    const d = threadPitfall({ ...base, recipients: ['New@Else.com', 'new@else.com', 'kari@contact.no', 'x@y.org'], quotedOriginalKept: false });
    expect(d).toEqual({ nudge: true, reason: 'new-recipients-without-original', newRecipients: ['new@else.com', 'x@y.org'], suggest: 'template-or-new-email' });
  });
});
