import { describe, expect, it } from 'vitest';
import { normalizeHostname } from './hostname';

describe('normalizeHostname', () => {
  it.each([
    ['imap.example.com', 'imap.example.com', false],
    ['  IMAP.Example.COM  ', 'imap.example.com', false],
    ['imap.example.com.', 'imap.example.com', false],
    ['mail.bücher.example', 'mail.xn--bcher-kva.example', false],
    ['ｉｍａｐ.example.com', 'imap.example.com', false],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', false],
    ['localhost', 'localhost', false],
    ['127.0.0.1', '127.0.0.1', 4],
    ['[::1]', '::1', 6],
    ['::ffff:127.0.0.1', '::ffff:7f00:1', 6],
    ['a-b.c-d.example', 'a-b.c-d.example', false],
  ])('%j → %s', (input, hostname, ip) => {
    expect(normalizeHostname(input)).toEqual({ ok: true, hostname, ip });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['.', 'empty'],
    ['x'.repeat(10_000), 'too-long'],
    [`${'a'.repeat(60)}.`.repeat(5) + 'com', 'too-long'],
    ['imap\u200b.example.com', 'invisible-characters'],
    ['imap.example.com\u202e', 'invisible-characters'],
    ['\u2066imap.example.com', 'invisible-characters'],
    ['imap.exa\u0000mple.com', 'invisible-characters'],
    ['imap.example.com\r\nX: y', 'invisible-characters'],
    ['\ufeffimap.example.com', 'invisible-characters'],
    ['imap.exam\u00admple.com', 'invisible-characters'],
    ['imap.exa\u034Fmple.com', 'invisible-characters'],
    ['imap.\u3164.com', 'invisible-characters'],
    ['https://imap.example.com', 'invalid-characters'],
    ['imap.example.com:993', 'invalid-characters'],
    ['user@imap.example.com', 'invalid-characters'],
    ['imap.example.com/path', 'invalid-characters'],
    ['imap example.com', 'invalid-characters'],
    ['imap%2eexample.com', 'invalid-characters'],
    ['2130706433', 'obfuscated-ip'],
    ['0x7f.0.0.1', 'obfuscated-ip'],
    ['0177.0.0.1', 'obfuscated-ip'],
    ['127.1', 'obfuscated-ip'],
    ['1.2.3.4.5', 'obfuscated-ip'],
    ['１２７.０.０.１', 'obfuscated-ip'],
    ['a..b', 'invalid-label'],
    ['-imap.example.com', 'invalid-label'],
    ['imap-.example.com', 'invalid-label'],
    ['imap_1.example.com', 'invalid-label'],
    [`${'a'.repeat(64)}.example.com`, 'invalid-label'],
    ['foo.123', 'invalid-label'],
    ['xn--a.com', 'invalid-idna'],
  ])('%j is refused as %s', (input, problem) => {
    const result = normalizeHostname(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toBe(problem);
      expect(result.message.length).toBeGreaterThan(10);
    }
  });
});
