import { describe, expect, it } from 'vitest';
import { chooseSentFolder, shouldAppendSentCopy, type FolderInfo } from './sent-folder';

const folder = (path: string, delimiter: string | null = '/', specialUse?: string, flags: string[] = []): FolderInfo =>
  specialUse ? { path, delimiter, specialUse, flags: new Set(flags) } : { path, delimiter, flags: new Set(flags) };

// PRODUCT #10
describe('chooseSentFolder', () => {
  it('prefers the RFC 6154 \\Sent folder over any name', () => {
    const folders = [folder('INBOX'), folder('Sent'), folder('Outbox-Archive', '/', '\\Sent')];
    expect(chooseSentFolder(folders)).toEqual({ path: 'Outbox-Archive', matchedBy: 'special-use' });
  });

  it('reads \\Sent from flags too (servers that only send it in LIST flags)', () => {
    const folders = [folder('INBOX'), folder('Sent Items'), { path: 'Gesendet', delimiter: '.', flags: ['\\HasNoChildren', '\\sent'] }];
    expect(chooseSentFolder(folders)).toEqual({ path: 'Gesendet', matchedBy: 'special-use' });
  });

  it('skips \\Noselect folders even with \\Sent', () => {
    const folders = [folder('[Gmail]', '/', undefined, ['\\Noselect']), folder('Old', '/', '\\Sent', ['\\Noselect']), folder('Sent')];
    expect(chooseSentFolder(folders)).toEqual({ path: 'Sent', matchedBy: 'known-name' });
  });

  it.each([
    [['INBOX', 'Drafts', 'Sent'], '/', 'Sent'],
    [['INBOX', 'INBOX.Drafts', 'INBOX.Sent'], '.', 'INBOX.Sent'],
    [['INBOX', '[Gmail]/Drafts', '[Gmail]/Sent Mail'], '/', '[Gmail]/Sent Mail'],
    [['INBOX', 'Sent Items'], '/', 'Sent Items'],
    [['INBOX', 'Sent Messages'], '/', 'Sent Messages'],
    [['INBOX', 'Sendt'], '/', 'Sendt'],
    [['INBOX', 'Sendte elementer'], '/', 'Sendte elementer'],
    [['INBOX', 'Gesendet'], '/', 'Gesendet'],
    [['INBOX', 'Gesendete Elemente'], '/', 'Gesendete Elemente'],
    [['INBOX', 'Envoyés'], '/', 'Envoyés'],
    [['INBOX', 'Envoyes'], '/', 'Envoyes'],
    [['INBOX', 'Éléments envoyés'], '/', 'Éléments envoyés'],
    [['INBOX', 'ÉLÉMENTS ENVOYÉS'], '/', 'ÉLÉMENTS ENVOYÉS'],
    [['INBOX', 'Enviados'], '/', 'Enviados'],
    [['INBOX', 'Elementos enviados'], '/', 'Elementos enviados'],
    [['INBOX', 'Inviata'], '/', 'Inviata'],
    [['INBOX', 'Posta inviata'], '/', 'Posta inviata'],
    [['INBOX', 'Verzonden'], '/', 'Verzonden'],
    [['INBOX', 'Skickat'], '/', 'Skickat'],
    [['INBOX', 'Lähetetyt'], '/', 'Lähetetyt'],
    [['INBOX', 'Отправленные'], '/', 'Отправленные'],
    [['INBOX', 'Wysłane'], '/', 'Wysłane'],
    [['INBOX', 'INBOX/Gesendet'], '/', 'INBOX/Gesendet'],
  ])('without SPECIAL-USE, %j picks %s', (paths, delimiter, expected) => {
    const result = chooseSentFolder(paths.map((p) => folder(p, delimiter)));
    expect(result).toEqual({ path: expected, matchedBy: 'known-name' });
  });

  it('prefers a known name over a folder that merely contains "sent"', () => {
    const folders = [folder('INBOX'), folder('Sent Old 2019'), folder('Sent')];
    expect(chooseSentFolder(folders)).toEqual({ path: 'Sent', matchedBy: 'known-name' });
  });

  it.each([
    [['INBOX', 'Sent 2019'], 'Sent 2019'],
    [['INBOX', 'Archive/old-sent'], 'Archive/old-sent'],
    [['INBOX', 'my_sent_mail'], 'my_sent_mail'],
    [['INBOX', 'Mail Sent By Me', 'Sent-Later'], 'Mail Sent By Me'],
  ])('falls back to the first name containing "sent": %j → %s', (paths, expected) => {
    expect(chooseSentFolder(paths.map((p) => folder(p)))).toEqual({ path: expected, matchedBy: 'name-contains-sent' });
  });

  it.each([
    [[]],
    [['INBOX', 'Drafts', 'Trash']],
    [['INBOX', 'Presentations', 'Consent forms', 'Unsent', 'Absent']],
    [['Sent/Sub']], // the last segment is what counts: "Sub" is not a sent folder
  ])('creates "Sent" when nothing matches: %j', (paths) => {
    expect(chooseSentFolder(paths.map((p) => folder(p)))).toEqual({ create: 'Sent' });
  });

  it('a null delimiter means a flat namespace', () => {
    expect(chooseSentFolder([{ path: 'Sent', delimiter: null, flags: [] }])).toEqual({ path: 'Sent', matchedBy: 'known-name' });
  });
});

describe('shouldAppendSentCopy', () => {
  it.each([
    [false, { append: true }],
    [true, { append: false, reason: 'already-present' }],
  ])('alreadyPresent=%s → %j (exactly one copy)', (alreadyPresent, expected) => {
    expect(shouldAppendSentCopy({ alreadyPresent })).toEqual(expected);
  });
});
