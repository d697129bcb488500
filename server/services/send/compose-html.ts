import sanitizeHtml from 'sanitize-html';

// The composer's HTML is the rep's own, but paste can bring anything: keep a small formatting set
// (bold/italic/links/lists/paragraphs) and derive the plain-text part from the same HTML, so the two
// MIME alternatives always say the same thing (RFC 2046 §5.1.4).

const MAX_HTML_CHARS = 512 * 1024;

export function cleanComposerHtml(html: string): string {
  return sanitizeHtml(html.slice(0, MAX_HTML_CHARS), {
    allowedTags: ['p', 'div', 'br', 'b', 'strong', 'i', 'em', 'u', 'a', 'ul', 'ol', 'li', 'blockquote', 'span'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto'],
  }).trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ', apos: "'" };

// Plain-text alternative: block ends become line breaks, list items get "- ", links keep their target.
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, label: string) => {
      const text = label.replace(/<[^>]+>/g, '');
      return text && text !== href ? `${text} (${href})` : href;
    })
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ')
    .replace(/<\/(p|div|li|blockquote|ul|ol)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? (name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1)) || 32) : m))
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
