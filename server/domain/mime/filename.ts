// Attachment filenames are attacker-controlled: they reach download headers, file systems and the
// UI (issue 7 "filenames are always text"). This makes them safe and readable.
import { decodeEncodedWords, decodeRfc2231Value } from './encoded-words';

export const MAX_FILENAME_CHARS = 200;
const MAX_EXTENSION_CHARS = 16;
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

const EXTENSION_BY_TYPE: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
};

// Issue 5/7: a display- and disk-safe filename; "attachment[.ext]" when nothing usable is left.
export function sanitiseFilename(raw: string | null | undefined, contentType?: string | null, maxChars = MAX_FILENAME_CHARS): string {
  let name = decodeRfc2231Value(decodeEncodedWords(raw ?? '')).normalize('NFC');
  // Only the last path segment: "../../etc/passwd" and "C:\\x\\evil.exe" lose their directories.
  name = name.split(/[/\\]/).filter((p) => p.trim().length > 0).pop() ?? '';
  name = name
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    // Bidi overrides and invisible characters spoof extensions ("invoice\u202Efdp.exe").
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  if (WINDOWS_RESERVED.test(stem)) name = `_${name}`;
  if (name.length === 0) {
    const ext = EXTENSION_BY_TYPE[(contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''];
    return ext ? `attachment.${ext}` : 'attachment';
  }
  return capKeepingExtension(name, Math.max(8, maxChars));
}

function capKeepingExtension(name: string, max: number): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? [...name.slice(dot)] : [];
  if (ext.length > 1 && ext.length <= MAX_EXTENSION_CHARS + 1) {
    return chars.slice(0, max - ext.length).join('').replace(/[\s.]+$/, '') + ext.join('');
  }
  return chars.slice(0, max).join('');
}
