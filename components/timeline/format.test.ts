import { describe, expect, it } from 'vitest';
import { formatBytes, splitQuoted } from './format';

describe('splitQuoted (issue 7: quoted earlier messages collapse)', () => {
  it('separates the reply from an "On … wrote:" history', () => {
    const r = splitQuoted('Thanks, that works.\n\nOn Mon, 2 Nov 2026, Rex wrote:\n> Can we meet?\n> Rex');
    expect(r).toEqual({ main: 'Thanks, that works.', quoted: 'On Mon, 2 Nov 2026, Rex wrote:\n> Can we meet?\n> Rex' });
  });
  it('separates a trailing block of > lines', () => {
    expect(splitQuoted('Yes.\n> old\n> older')).toEqual({ main: 'Yes.', quoted: '> old\n> older' });
  });
  it('keeps inline quotes followed by new text, and all-quote bodies, whole', () => {
    expect(splitQuoted('> you said\nI disagree').quoted).toBeNull();
    expect(splitQuoted('Hello\n> a\nreply below').quoted).toBeNull();
  });
  it('formats sizes', () => {
    expect([formatBytes(500), formatBytes(2048), formatBytes(5 * 1024 * 1024)]).toEqual(['500 B', '2.0 KB', '5.0 MB']);
  });
});
