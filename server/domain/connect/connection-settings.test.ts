import { describe, expect, it } from 'vitest';
import { POP3_EXPLANATION } from './pop3';
import { connectionSettingsSchema, isAllowedPort, parseConnectionSettings, type ConnectionSettings } from './connection-settings';

const valid: ConnectionSettings = {
  email: 'rep@example.com',
  imapHost: 'imap.example.com',
  imapPort: 993,
  imapSecurity: 'tls',
  smtpHost: 'smtp.example.com',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  username: 'rep@example.com',
  password: 'correct horse battery staple',
};

describe('parseConnectionSettings (issue 4 bad input)', () => {
  it('accepts a valid form unchanged', () => {
    expect(parseConnectionSettings(valid)).toEqual({ ok: true, value: valid });
  });

  it('normalises hosts, email domain, ports given as text and the username', () => {
    const result = parseConnectionSettings({
      ...valid,
      email: ' Rep@Bücher.Example ',
      imapHost: ' IMAP.Bücher.Example. ',
      smtpHost: 'SMTP.example.com.',
      imapPort: '993',
      smtpPort: ' 465 ',
      smtpSecurity: 'tls',
      username: '  rep  ',
    });
    expect(result).toEqual({
      ok: true,
      value: {
        ...valid,
        email: 'Rep@xn--bcher-kva.example',
        imapHost: 'imap.xn--bcher-kva.example',
        smtpHost: 'smtp.example.com',
        smtpPort: 465,
        smtpSecurity: 'tls',
        username: 'rep',
      },
    });
  });

  it('keeps spaces inside a password (app passwords are shown with spaces)', () => {
    const result = parseConnectionSettings({ ...valid, password: ' abcd efgh ijkl mnop ' });
    expect(result.ok && result.value.password).toBe(' abcd efgh ijkl mnop ');
  });

  const long = 'a'.repeat(10 * 1024);
  it.each<[string, Record<string, unknown>, keyof ConnectionSettings, RegExp]>([
    ['empty password', { password: '' }, 'password', /Enter your password/],
    ['blank password', { password: '   ' }, 'password', /Enter your password/],
    ['10 KB password', { password: long }, 'password', /too long/],
    ['password with a newline', { password: 'abc\r\ndef' }, 'password', /line break/],
    ['password with NUL', { password: 'abc\0' }, 'password', /control character/],
    ['missing password', { password: undefined }, 'password', /Enter your password/],
    ['10 KB email', { email: long }, 'email', /too long/],
    ['email without @', { email: 'rep.example.com' }, 'email', /@/],
    ['email with a bidi override', { email: 'rep@exa\u202emple.com' }, 'email', /invisible/],
    ['email with zero-width space', { email: 're\u200bp@example.com' }, 'email', /invisible/],
    ['10 KB host', { imapHost: long }, 'imapHost', /too long/],
    ['host with zero-width space', { imapHost: 'imap\u200b.example.com' }, 'imapHost', /invisible/],
    ['host with bidi isolate', { smtpHost: '\u2067smtp.example.com' }, 'smtpHost', /invisible/],
    ['host typed as URL', { imapHost: 'imaps://imap.example.com' }, 'imapHost', /without "https:\/\/"/],
    ['host with port', { smtpHost: 'smtp.example.com:587' }, 'smtpHost', /without/],
    ['empty host', { imapHost: '' }, 'imapHost', /Enter the server name/],
    ['obfuscated IP host', { imapHost: '2130706433' }, 'imapHost', /four numbers/],
    ['host with underscore', { imapHost: 'imap_1.example.com' }, 'imapHost', /not a valid server name/],
    ['port 0', { imapPort: 0 }, 'imapPort', /between 1 and 65535/],
    ['port 70000', { imapPort: 70000 }, 'imapPort', /between 1 and 65535/],
    ['negative port', { smtpPort: -25 }, 'smtpPort', /between 1 and 65535/],
    ['fractional port', { smtpPort: 587.5 }, 'smtpPort', /between 1 and 65535/],
    ['NaN port', { smtpPort: Number.NaN }, 'smtpPort', /port/],
    ['port as words', { smtpPort: 'five hundred' }, 'smtpPort', /Enter a port number/],
    ['huge numeric string port', { smtpPort: '9'.repeat(400) }, 'smtpPort', /port number/],
    ['IMAP on an SMTP port', { imapPort: 587 }, 'imapPort', /Port 587 can’t be used for IMAP. Use one of: 143, 993/],
    ['SMTP on an odd port', { smtpPort: 8080 }, 'smtpPort', /Port 8080 can’t be used for SMTP/],
    ['security none', { imapSecurity: 'none' }, 'imapSecurity', /must not travel unencrypted/],
    ['unknown security', { smtpSecurity: 'ssl3' }, 'smtpSecurity', /SSL\/TLS or STARTTLS/],
    ['10 KB username', { username: long }, 'username', /too long/],
    ['blank username', { username: '  ' }, 'username', /Enter your username/],
    ['username with bidi override', { username: 'rep\u202e' }, 'username', /invisible/],
    ['username as number', { username: 42 }, 'username', /Enter your username/],
  ])('%s → error on %s', (_name, patch, field, message) => {
    const result = parseConnectionSettings({ ...valid, ...patch });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.fieldErrors)).toEqual([field]);
      expect(result.fieldErrors[field]).toMatch(message);
      expect(result.pop3).toBe(false);
    }
  });

  it.each<[Record<string, unknown>, keyof ConnectionSettings]>([
    [{ imapPort: 995 }, 'imapPort'],
    [{ imapPort: 110 }, 'imapPort'],
    [{ imapHost: 'pop.example.com' }, 'imapHost'],
    [{ imapHost: 'pop3.example.com' }, 'imapHost'],
  ])('POP3 settings %j get the PRODUCT #3 explanation', (patch, field) => {
    const result = parseConnectionSettings({ ...valid, ...patch });
    expect(result).toMatchObject({ ok: false, pop3: true });
    if (!result.ok) expect(result.fieldErrors[field]).toBe(POP3_EXPLANATION);
  });

  it('reports every bad field at once', () => {
    const result = parseConnectionSettings({});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.fieldErrors).sort()).toEqual(Object.keys(valid).sort());
  });

  it('refuses non-object input', () => {
    expect(parseConnectionSettings('rep@example.com').ok).toBe(false);
    expect(parseConnectionSettings(null).ok).toBe(false);
  });

  it('dev/test options allow the mail world ports and plain transport', () => {
    const input = { ...valid, imapHost: '127.0.0.1', imapPort: 3143, imapSecurity: 'none', smtpHost: '127.0.0.1', smtpPort: 3025, smtpSecurity: 'none' };
    expect(parseConnectionSettings(input).ok).toBe(false);
    expect(parseConnectionSettings(input, { extraAllowedPorts: [3143, 3025], allowInsecure: true })).toMatchObject({ ok: true });
  });

  it('the exported schema is the production one', () => {
    expect(connectionSettingsSchema.safeParse(valid).success).toBe(true);
    expect(connectionSettingsSchema.safeParse({ ...valid, imapSecurity: 'none' }).success).toBe(false);
  });
});

describe('isAllowedPort', () => {
  it.each([
    ['imap', 143, [], true],
    ['imap', 993, [], true],
    ['imap', 995, [], false],
    ['imap', 25, [], false],
    ['smtp', 25, [], true],
    ['smtp', 465, [], true],
    ['smtp', 587, [], true],
    ['smtp', 2525, [], true],
    ['smtp', 993, [], false],
    ['smtp', 3025, [3025], true],
    ['imap', 3025, [3025], true],
    ['imap', 22, [], false],
  ] as const)('%s port %i (extra %j) → %s', (protocol, port, extra, allowed) => {
    expect(isAllowedPort(protocol, port, extra)).toBe(allowed);
  });
});
