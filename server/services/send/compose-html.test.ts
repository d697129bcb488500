import { describe, expect, it } from 'vitest';
import { cleanComposerHtml, htmlToText } from './compose-html';
import { headerFromAddresses } from '@/server/adapters/inbound-smtp';

// The composer's HTML and its plain-text twin (RFC 2046 §5.1.4: both alternatives say the same thing).
describe('composer HTML', () => {
  it('keeps the small formatting set and drops active content', () => {
    const html = cleanComposerHtml('<p onclick="x()">Hi <b>there</b> <a href="javascript:alert(1)">bad</a> <a href="https://ok.test/x">ok</a></p><script>alert(1)</script><img src=x onerror=y><ul><li>one</li></ul>');
    expect(html).toBe('<p>Hi <b>there</b> <a>bad</a> <a href="https://ok.test/x">ok</a></p><ul><li>one</li></ul>');
  });

  it('derives readable plain text: paragraphs, line breaks, list items, links with their target, entities', () => {
    const text = htmlToText('<p>Hi Carla,</p><p>Line one<br>Line two &amp; more</p><ul><li>First</li><li>Second</li></ul><p>See <a href="https://ok.test/plan">the plan</a>.</p>');
    expect(text).toBe('Hi Carla,\nLine one\nLine two & more\n- First\n- Second\n\nSee the plan (https://ok.test/plan).');
  });
});

describe('inbound header From', () => {
  it('reads a folded From header, only from the header block', () => {
    const raw = Buffer.from('Subject: x\r\nFrom: "Rex Rep"\r\n <REP@Demo.Test>\r\nTo: a@b.test\r\n\r\nFrom: spoof@evil.test\r\n');
    expect(headerFromAddresses(raw)).toEqual(['rep@demo.test']);
  });
  it('no From header: nothing', () => {
    expect(headerFromAddresses(Buffer.from('Subject: x\r\n\r\nbody'))).toEqual([]);
  });
});
