import sanitizeHtml from 'sanitize-html';

// The one sanitiser for email HTML (issue 7 "Safe email rendering"). Its output is shown only inside a
// sandboxed iframe with a strict CSP (components/timeline/email-body.tsx), so this is the first of three
// layers: sanitiser, CSP, sandbox. sanitize-html (htmlparser2, no DOM) is used on the server because it
// streams: a 10 MB or 10,000-deep body costs linear time and no recursion.

export type SanitizeOptions = {
  /** Remote images load only after the user asked ("load images"). */
  loadImages: boolean;
  /** Absolute URL for an inline `cid:` part of this email, or null when the part is unknown. */
  resolveCid: (contentId: string) => string | null;
};

export type SanitizeResult = { html: string; blockedImages: number; quoteCollapsed: boolean; truncated: boolean };

// Longer bodies are cut (and the reader told): a browser needs seconds to lay out 10 MB of markup.
export const MAX_HTML_CHARS = 400_000;

// A 1×1 transparent GIF stands in for a blocked remote image: no request leaves the browser.
export const BLOCKED_IMAGE_SRC = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp);base64,[a-z0-9+/=\s]*$/i;
const MAX_DEPTH = 120;

const allowedTags = [
  'a', 'abbr', 'address', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'style',
  'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
];

// Tags whose whole subtree goes (sanitize-html skips every descendant of a disallowed nonTextTag): active content, foreign namespaces (namespace-confusion mXSS), raw-text tricks.
const dropSubtree = new Set(['script', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'textarea', 'xmp', 'noembed', 'noframes', 'plaintext', 'title', 'head', 'select', 'option', 'button', 'audio', 'video', 'canvas', 'portal', 'param', 'base', 'meta', 'link']);

const presentational = ['align', 'valign', 'width', 'height', 'bgcolor', 'color', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan', 'dir', 'lang', 'title', 'face', 'size', 'class', 'style'];

/** Decodes CSS escapes and drops comments so `u\72l(` or `ur/**\/l(` cannot hide a url(). */
function normaliseCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => {
      const cp = parseInt(hex, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    })
    .replace(/\\(.)/g, '$1')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '');
}

const dangerousCss = /(url\s*\(|image-set\s*\(|image\s*\(|expression\s*\(|@import|@font-face|@namespace|behaviou?r\s*:|-moz-binding|javascript:|vbscript:|src\s*\(|cross-fade|element\s*\()/i;
const floatingPosition = /^\s*position\s*:\s*(fixed|sticky)/i;

/** One declaration list (a style attribute): keeps the harmless declarations, drops the rest. */
export function cleanStyleDeclarations(style: string): string {
  const css = normaliseCss(style);
  if (/[<>]/.test(css)) return '';
  return css
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d.length > 0 && d.includes(':') && !dangerousCss.test(d) && !floatingPosition.test(d))
    .join('; ');
}

/** A `<style>` sheet: rules survive, dangerous declarations and at-rules (other than @media) do not. */
export function cleanStyleSheet(sheet: string): string {
  const css = normaliseCss(sheet).replace(/[<>]/g, '');
  // Drop at-rules that load things or define fonts, whether block or statement form.
  const noAt = css.replace(/@(?!media\b)[a-z-]+[^;{]*(\{[^{}]*\}|;)/gi, '');
  return noAt.replace(/\{([^{}]*)\}/g, (_, body: string) => `{${cleanStyleDeclarations(body)}}`).replace(dangerousCss, 'blocked(');
}

function isHttpUrl(v: string): boolean {
  return /^https?:\/\//i.test(v);
}

/** Strips what browsers ignore in URLs (controls, whitespace) before the scheme check, like they do. */
function launder(v: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return v.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '');
}

function linkHref(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const v = launder(raw);
  if (isHttpUrl(v) || /^mailto:/i.test(v) || /^tel:/i.test(v)) return v;
  return undefined;
}

type Counters = { blocked: number; quote: boolean };

function imageSrc(raw: string | undefined, opts: SanitizeOptions, c: Counters): string | undefined {
  if (!raw) return undefined;
  const v = launder(raw);
  if (/^cid:/i.test(v)) return opts.resolveCid(decodeURIComponent(v.slice(4)).replace(/^<|>$/g, '')) ?? BLOCKED_IMAGE_SRC;
  if (SAFE_DATA_IMAGE.test(raw.trim())) return raw.trim();
  if (isHttpUrl(v) || v.startsWith('//')) {
    if (opts.loadImages && isHttpUrl(v)) return v;
    c.blocked++;
    return BLOCKED_IMAGE_SRC;
  }
  return undefined;
}

function isQuote(tag: string, a: Record<string, string>): boolean {
  if (tag === 'blockquote') return true;
  const cls = ` ${(a.class ?? '').toLowerCase()} `;
  const id = (a.id ?? '').toLowerCase();
  return / (gmail_quote|yahoo_quoted|moz-cite-prefix) /.test(cls) || id === 'divrplyfwdmsg' || id === 'appendonsend';
}

// Sanitises email HTML into a fragment safe to put in the timeline iframe's srcdoc (issue 7 rules).
export function sanitizeEmailHtml(input: string, opts: SanitizeOptions): SanitizeResult {
  const c: Counters = { blocked: 0, quote: false };
  const truncated = input.length > MAX_HTML_CHARS;
  const html = sanitizeHtml(truncated ? input.slice(0, MAX_HTML_CHARS) : input, {
    allowedTags,
    allowVulnerableTags: true, // <style> is allowed on purpose; its text is cleaned below.
    disallowedTagsMode: 'discard',
    nonTextTags: [...dropSubtree, 'style'],
    allowedAttributes: {
      '*': presentational,
      a: [...presentational, 'href', 'target', 'rel', 'name'],
      img: [...presentational, 'src', 'srcset', 'alt'],
      td: [...presentational, 'background'],
      th: [...presentational, 'background'],
      table: [...presentational, 'background'],
      ol: [...presentational, 'start', 'type'],
      details: [...presentational, 'data-quote', 'open'],
      col: [...presentational, 'span'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'data'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'background', 'cite', 'action'],
    allowProtocolRelative: false,
    nestingLimit: MAX_DEPTH,
    parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
    transformTags: {
      '*': (tagName, attribs) => {
        const a: Record<string, string> = {};
        for (const [k, v] of Object.entries(attribs)) {
          if (k.startsWith('on') || k === 'srcdoc' || k === 'formaction' || k === 'xmlns' || k.includes(':')) continue;
          a[k] = v;
        }
        if (a.style !== undefined) {
          const s = cleanStyleDeclarations(a.style);
          if (s) a.style = s;
          else delete a.style;
        }
        if (a.background !== undefined) {
          const bg = launder(a.background);
          delete a.background;
          if (isHttpUrl(bg) || bg.startsWith('//')) {
            if (opts.loadImages && isHttpUrl(bg)) a.background = bg;
            else c.blocked++;
          }
        }
        if (tagName === 'a') {
          const href = linkHref(a.href);
          delete a.href;
          if (href) a.href = href;
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
        }
        if (tagName === 'img') {
          const src = imageSrc(a.src, opts, c);
          delete a.src;
          if (src) a.src = src;
          const srcset = a.srcset;
          delete a.srcset;
          if (srcset && opts.loadImages) {
            const parts = srcset.split(',').map((p) => p.trim()).filter((p) => isHttpUrl(launder(p.split(/\s+/)[0] ?? '')));
            if (parts.length) a.srcset = parts.join(', ');
          } else if (srcset) c.blocked++;
          if (!a.src && !a.srcset) a.src = BLOCKED_IMAGE_SRC;
        }
        if (isQuote(tagName, a)) {
          c.quote = true;
          return { tagName: 'details', attribs: { 'data-quote': '1' } };
        }
        return { tagName, attribs: a };
      },
    },
  });
  const withSummaries = html.replace(/<details data-quote="1">/g, '<details data-quote="1"><summary>Show quoted text</summary>');
  const cleaned = withSummaries.replace(/<style>([\s\S]*?)<\/style>/g, (_, css: string) => `<style>${cleanStyleSheet(css)}</style>`);
  return { html: cleaned, blockedImages: c.blocked, quoteCollapsed: c.quote, truncated };
}

/** The CSP inside the srcdoc: nothing loads except the app's own attachment URLs (and remote images on request). */
export function emailFrameCsp(appOrigin: string, loadImages: boolean): string {
  const img = loadImages ? `${appOrigin} data: https: http:` : `${appOrigin} data:`;
  return `default-src 'none'; img-src ${img}; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'; base-uri 'none'`;
}

function escapeAttr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// A whole srcdoc document: CSP first so it governs everything after it, then a small base stylesheet.
export function emailFrameDocument(fragment: string, appOrigin: string, loadImages: boolean): string {
  return [
    '<!doctype html><html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(emailFrameCsp(appOrigin, loadImages))}">`,
    '<meta name="referrer" content="no-referrer">',
    '<style>html,body{margin:0;padding:0}body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#0f172a;padding:12px;overflow-wrap:anywhere;overflow-x:hidden}',
    'img{max-width:100%;height:auto}table{max-width:100%}details[data-quote]{margin:8px 0;color:#475569}details[data-quote]>summary{cursor:pointer;font-size:12px;color:#475569}</style>',
    `</head><body>${fragment}</body></html>`,
  ].join('');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

// Text of an HTML-only email for the default plain-text view: tags gone, blocks become line breaks.
export function htmlToPlainText(html: string): string {
  const marked = html.slice(0, MAX_HTML_CHARS).replace(/<\s*(br|\/p|\/div|\/tr|\/li|\/h[1-6]|\/blockquote)\b[^>]*>/gi, '$&\n');
  const stripped = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {}, nonTextTags: [...dropSubtree, 'style'] });
  return stripped
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, e: string) => entities[e] ?? '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
