import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it.each([
    ['<p>Hello</p><p>World</p>', 'Hello\n\nWorld'],
    ['Line 1<br>Line 2<br/>Line 3', 'Line 1\nLine 2\nLine 3'],
    ['<div>a</div><div>b</div>', 'a\n\nb'],
    ['<ul><li>one</li><li>two</li></ul>', '- one\n- two'],
    ['<table><tr><td>a</td><td>b</td></tr></table>', 'a b'],
    ['<b>bold</b> and <i>it</i>', 'bold and it'],
    ['Tom &amp; Jerry &lt;3 &quot;x&quot; &#39;y&#39; &#x41;&#66; &nbsp;z', 'Tom & Jerry <3 "x" \'y\' AB z'],
    ['bl&aring;b&aelig;r &oslash;l', 'blåbær øl'],
    ['&unknown; &amp', '&unknown; &'],
    ['<script>alert(1)</script>visible', 'visible'],
    ['<SCRIPT type="x">alert(1)</SCRIPT >visible', 'visible'],
    ['<style>p{color:red}</style>text', 'text'],
    ['<head><title>T</title></head><body>body</body>', 'body'],
    ['<!-- hidden -->shown', 'shown'],
    ['<!-- never closed', ''],
    ['before <script>never closed', 'before'],
    ['text <unterminated', 'text'],
    ['a < b and c > d', 'a < b and c > d'],
    ['1<2 and 3>2', '1<2 and 3>2'],
    ['&constructor; &__proto__; &toString;', '&constructor; &__proto__; &toString;'],
    ['<p>\n  wrapped\n  source\n  lines\n</p>', 'wrapped source lines'],
    ['<p>x</p>\n\n\n\n<p>y</p>', 'x\n\ny'],
    ['', ''],
    ['no tags at all', 'no tags at all'],
    ['<svg><text>svg text</text></svg>after', 'after'],
    ['&#0; &#xD800; &#x110000;', '\ufffd \ufffd \ufffd'],
    ['<a href="javascript:alert(1)">link</a>', 'link'],
  ])('%j → %j', (html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });

  it('handles a 10 MB body in linear time', () => {
    const html = '<p>' + 'word &amp; '.repeat(1_000_000) + '</p>';
    const text = htmlToText(html);
    expect(text.startsWith('word & word')).toBe(true);
  }, 30_000);

  it('handles 10,000-deep nesting', () => {
    const html = '<div>'.repeat(10_000) + 'deep' + '</div>'.repeat(10_000);
    expect(htmlToText(html)).toBe('deep');
  });

  it('handles a million "<" characters', () => {
    htmlToText('<'.repeat(1_000_000));
  }, 30_000);

  it('stops early once the output cap is reached', () => {
    const html = '<p>abc</p>'.repeat(100_000);
    expect(htmlToText(html, 100).length).toBeLessThan(200);
  });

  it('decodeEntities leaves text without "&" untouched', () => {
    expect(decodeEntities('plain')).toBe('plain');
  });
});
