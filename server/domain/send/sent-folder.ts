// PRODUCT #10: which folder receives the copy of a message sent from the CRM, and whether to append it.

/** The subset of an imapflow ListResponse this rule reads. */
export type FolderInfo = {
  path: string;
  delimiter: string | null;
  specialUse?: string;
  flags: ReadonlySet<string> | readonly string[];
};

export type SentFolderChoice =
  | { path: string; matchedBy: 'special-use' | 'known-name' | 'name-contains-sent' }
  | { create: 'Sent' };

// Names servers without SPECIAL-USE give their sent folder (English and localized, as clients create them).
const KNOWN_SENT_NAMES = [
  'Sent',
  'Sent Items',
  'Sent Mail',
  'Sent Messages',
  'Sendt',
  'Sendte',
  'Sendte elementer',
  'Sendte meldinger',
  'Gesendet',
  'Gesendete Elemente',
  'Gesendete Objekte',
  'Envoyés',
  'Éléments envoyés',
  'Messages envoyés',
  'Enviados',
  'Elementos enviados',
  'Itens enviados',
  'Inviata',
  'Inviati',
  'Posta inviata',
  'Elementi inviati',
  'Verzonden',
  'Verzonden items',
  'Skickat',
  'Skickade',
  'Skickade objekt',
  'Lähetetyt',
  'Lähetetyt kohteet',
  'Отправленные',
  'Wysłane',
  'Elementy wysłane',
  'Odeslané',
  'Odoslané',
  'Elküldött',
  'Gönderilmiş Öğeler',
  'Gönderilenler',
  'Trimise',
  'Απεσταλμένα',
  '已发送',
  '已傳送',
  '送信済み',
  '보낸편지함',
];

// Compare without case or accents: servers and clients disagree on "Envoyés" vs "Envoyes".
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
const KNOWN = new Set(KNOWN_SENT_NAMES.map(fold));
// "sent" as a word ("Sent Mail", "old-sent", "sent_2019") but not inside "Presentations" or "Unsent".
const SENT_WORD = /(^|[^\p{L}])sent($|[^\p{L}])/u;

const hasFlag = (flags: FolderInfo['flags'], flag: string) => [...flags].some((f) => f.toLowerCase() === flag.toLowerCase());

function lastSegment(folder: FolderInfo): string {
  if (!folder.delimiter) return folder.path;
  const parts = folder.path.split(folder.delimiter);
  return parts[parts.length - 1] ?? folder.path;
}

// PRODUCT #10: the RFC 6154 \Sent folder, else a known sent name, else a name containing "sent", else create "Sent".
export function chooseSentFolder(folders: readonly FolderInfo[]): SentFolderChoice {
  // \Noselect and \NonExistent folders cannot hold messages (RFC 3501, RFC 5258).
  const selectable = folders.filter((f) => !hasFlag(f.flags, '\\Noselect') && !hasFlag(f.flags, '\\NonExistent'));
  const special = selectable.find((f) => f.specialUse?.toLowerCase() === '\\sent' || hasFlag(f.flags, '\\Sent'));
  if (special) return { path: special.path, matchedBy: 'special-use' };
  const known = selectable.find((f) => KNOWN.has(fold(lastSegment(f))) || KNOWN.has(fold(f.path)));
  if (known) return { path: known.path, matchedBy: 'known-name' };
  const contains = selectable.find((f) => SENT_WORD.test(fold(lastSegment(f))));
  if (contains) return { path: contains.path, matchedBy: 'name-contains-sent' };
  return { create: 'Sent' };
}

export type SentCopyDecision = { append: true } | { append: false; reason: 'already-present' };

// PRODUCT #10: exactly one copy; Gmail and Office 365 file SMTP-sent mail themselves, so search by Message-ID first.
export function shouldAppendSentCopy(input: { alreadyPresent: boolean }): SentCopyDecision {
  return input.alreadyPresent ? { append: false, reason: 'already-present' } : { append: true };
}
