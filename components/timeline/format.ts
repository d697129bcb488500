// Small display helpers for the timeline (no React, unit-tested).

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10 * 1024 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function formatWhen(d: Date, now = new Date()): string {
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const sameYear = d.getFullYear() === now.getFullYear();
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) });
}

export function personLabel(a: { address: string; name?: string | null }): string {
  return a.name ? `${a.name} <${a.address}>` : a.address;
}

const quoteHeader = /^(On .{3,200} wrote:|Le .{3,200} a écrit :|Am .{3,200} schrieb .{0,100}:|-{2,} ?Original Message ?-{2,}|From: .+)$/i;

// Issue 7 "quoted earlier messages collapse": the reply itself, and the quoted history after it.
export function splitQuoted(text: string): { main: string; quoted: string | null } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    const rest = lines.slice(i + 1);
    const startsQuote = quoteHeader.test(line) && (rest.some((l) => l.startsWith('>')) || /Original Message|^From: /i.test(line));
    const quoteBlock = line.startsWith('>') && rest.every((l) => l.startsWith('>') || l.trim() === '');
    if (i > 0 && (startsQuote || quoteBlock)) {
      const main = lines.slice(0, i).join('\n').trimEnd();
      if (main.trim().length === 0) break;
      return { main, quoted: lines.slice(i).join('\n') };
    }
  }
  return { main: text, quoted: null };
}

// Safe raster types the attachment route may show inline (PRODUCT #12 / issue 7 previews).
export const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
