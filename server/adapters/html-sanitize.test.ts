import { describe, expect, it } from 'vitest';
import { parse } from 'parse5';
import { CANARY, deepBody, hugeBody, xssPayloads } from '@/e2e/support/xss-payloads';
import { BLOCKED_IMAGE_SRC, cleanStyleDeclarations, cleanStyleSheet, emailFrameCsp, emailFrameDocument, sanitizeEmailHtml } from './html-sanitize';

const opts = { loadImages: false, resolveCid: (cid: string) => (cid === 'logo@x' ? 'http://app.test/api/attachments/11111111-1111-4111-8111-111111111111?inline=1&t=tok' : null) };

type Node = { nodeName: string; tagName?: string; namespaceURI?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; content?: Node; value?: string };

// Walks the output as a browser parses it (parse5 is the WHATWG parser), so mXSS re-parsing is covered.
function walk(node: Node, visit: (n: Node) => void) {
  visit(node);
  for (const c of node.childNodes ?? []) walk(c, visit);
  if (node.content) walk(node.content, visit);
}

const forbiddenTags = new Set(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'form', 'input', 'button', 'meta', 'base', 'link', 'textarea', 'noscript', 'template', 'video', 'audio', 'source', 'picture', 'track', 'marquee', 'frame', 'plaintext', 'xmp', 'noembed', 'title', 'use', 'animate', 'set', 'foreignobject', 'image']);
const urlAttrs = new Set(['href', 'src', 'srcset', 'background', 'poster', 'action', 'formaction', 'ping', 'data', 'xlink:href', 'cite']);

function problems(html: string): string[] {
  const found: string[] = [];
  const doc = parse(`<!doctype html><html><body>${html}</body></html>`) as unknown as Node;
  walk(doc, (n) => {
    if (n.tagName) {
      if (forbiddenTags.has(n.tagName)) found.push(`tag <${n.tagName}>`);
      if (n.namespaceURI && n.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`namespace ${n.namespaceURI}`);
      for (const a of n.attrs ?? []) {
        if (a.name.startsWith('on')) found.push(`handler ${a.name}`);
        // eslint-disable-next-line no-control-regex -- browsers ignore these inside URLs, so the check must too
        const v = a.value.toLowerCase().replace(/[\s\u0000-\u001f]/g, '');
        if (urlAttrs.has(a.name) && /^(javascript|vbscript|data:text|data:image\/svg)/.test(v)) found.push(`url ${a.name}=${a.value}`);
        if (urlAttrs.has(a.name) && v.includes(CANARY)) found.push(`remote ${a.name}=${a.value}`);
        if (a.name === 'style' && /url\(|@import|expression\(|position:(fixed|sticky)|behavior/.test(v)) found.push(`style ${a.value}`);
      }
      if (n.tagName === 'style') {
        const text = (n.childNodes ?? []).map((c) => c.value ?? '').join('').toLowerCase().replace(/\s/g, '');
        if (/url\(|@import|@font-face|expression\(|position:(fixed|sticky)/.test(text)) found.push(`stylesheet ${text}`);
      }
    }
  });
  return found;
}

describe('sanitizeEmailHtml: the XSS suite (issue 7 "Bad input")', () => {
  it('has at least 60 payloads across every category the issue names', () => {
    expect(xssPayloads.length).toBeGreaterThanOrEqual(60);
    expect(new Set(xssPayloads.map((p) => p.category))).toEqual(new Set(['script', 'handler', 'url', 'svg', 'mxss', 'rawtext', 'css', 'form', 'remote']));
  });

  for (const p of xssPayloads) {
    it(`neutralises ${p.category}: ${p.name}`, () => {
      const out = sanitizeEmailHtml(p.html, opts).html;
      expect(problems(out), out).toEqual([]);
      // Idempotent: sanitising the output again (as a browser re-serialises it) finds nothing new.
      expect(problems(sanitizeEmailHtml(out, opts).html)).toEqual([]);
    });
  }

  it('the checker itself catches what it must (no test that cannot fail)', () => {
    expect(problems('<img src=x onerror=alert(1)>')).toContain('handler onerror');
    expect(problems(`<img src="http://${CANARY}/a.png">`)).toHaveLength(1);
    expect(problems('<svg><a></a></svg>')).toContain('tag <svg>');
    expect(problems('<div style="position: fixed">x</div>')).toHaveLength(1);
  });

  it('sanitises a 10 MB body in well under 2 s and a 10,000-deep body without recursion', () => {
    const big = hugeBody();
    expect(big.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const out = sanitizeEmailHtml(big, opts);
    expect(out.html).not.toContain('javascript:');
    expect(out.html).not.toContain(CANARY);
    expect(out.truncated).toBe(true);
    expect(out.html.length).toBeLessThan(1_000_000); // bounded by the input cap (rewritten attributes add some)
    const deep = sanitizeEmailHtml(deepBody(), opts);
    expect(deep.html).toContain('deep');
    expect(deep.html).not.toContain('onerror');
    // Nesting is capped, so the browser does not build a 10,000-level tree.
    expect((deep.html.match(/<div>/g) ?? []).length).toBeLessThanOrEqual(120);
  });
});

describe('sanitizeEmailHtml: what stays and how it is rewritten', () => {
  it('keeps ordinary formatting and text', () => {
    const out = sanitizeEmailHtml('<p style="color:#333;font-weight:bold">Hi <b>Hana</b></p><table><tr><td align="center">1</td></tr></table>', opts).html;
    expect(out).toBe('<p style="color:#333;font-weight:bold">Hi <b>Hana</b></p><table><tr><td align="center">1</td></tr></table>');
  });

  it('opens links in a new tab without opener or referrer', () => {
    const out = sanitizeEmailHtml('<a href="https://example.com/x" target="_self" rel="opener">x</a>', opts).html;
    expect(out).toBe('<a target="_blank" rel="noopener noreferrer" href="https://example.com/x">x</a>');
  });

  it('blocks remote images until asked, then lets http(s) through', () => {
    const html = '<img src="https://images.example/a.png" alt="Logo">';
    const blocked = sanitizeEmailHtml(html, opts);
    expect(blocked.blockedImages).toBe(1);
    expect(blocked.html).toBe(`<img alt="Logo" src="${BLOCKED_IMAGE_SRC}" />`);
    const loaded = sanitizeEmailHtml(html, { ...opts, loadImages: true });
    expect(loaded.blockedImages).toBe(0);
    expect(loaded.html).toContain('src="https://images.example/a.png"');
  });

  it('points cid: images at the organization attachment URL, unknown cids at the placeholder', () => {
    const out = sanitizeEmailHtml('<img src="cid:logo@x"><img src="cid:other@x">', opts).html;
    expect(out).toContain('src="http://app.test/api/attachments/11111111-1111-4111-8111-111111111111?inline=1&amp;t=tok"');
    expect(out).toContain(`src="${BLOCKED_IMAGE_SRC}"`);
  });

  it('keeps safe raster data: images only', () => {
    expect(sanitizeEmailHtml('<img src="data:image/png;base64,iVBORw0KGgo=">', opts).html).toContain('data:image/png;base64,iVBORw0KGgo=');
    expect(sanitizeEmailHtml('<img src="data:image/svg+xml,<svg/>">', opts).html).not.toContain('svg');
  });

  it('collapses quoted earlier messages behind a summary', () => {
    const out = sanitizeEmailHtml('<p>Thanks!</p><div class="gmail_quote">On Monday Rex wrote: <blockquote>old</blockquote></div>', opts);
    expect(out.quoteCollapsed).toBe(true);
    expect(out.html).toContain('<details data-quote="1"><summary>Show quoted text</summary>On Monday Rex wrote:');
  });
});

describe('CSS cleaning', () => {
  it('drops url(), escapes and comments included, and floating positions', () => {
    expect(cleanStyleDeclarations('color:red; background:u\\72l(http://x/y)')).toBe('color:red');
    expect(cleanStyleDeclarations('position:fixed; top:0; margin:0')).toBe('top:0; margin:0');
    expect(cleanStyleDeclarations('width:expr/**/ession(alert(1))')).toBe('');
    expect(cleanStyleSheet('@import "http://x/a.css"; p { color: red; background: url(x) } @media (max-width:600px){.a{width:100%}}')).toBe(' p {color: red} @media (max-width:600px){.a{width:100%}}');
  });
});

describe('the frame document', () => {
  it('starts with a CSP that allows only the app origin (and remote images on request)', () => {
    expect(emailFrameCsp('http://app.test', false)).toBe("default-src 'none'; img-src http://app.test data:; style-src 'unsafe-inline'; font-src 'none'; form-action 'none'; base-uri 'none'");
    expect(emailFrameCsp('http://app.test', true)).toContain('img-src http://app.test data: https: http:');
    const doc = emailFrameDocument('<p>x</p>', 'http://app.test', false);
    expect(doc.indexOf('Content-Security-Policy')).toBeLessThan(doc.indexOf('<p>x</p>'));
  });
});
