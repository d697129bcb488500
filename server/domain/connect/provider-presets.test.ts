import { describe, expect, it } from 'vitest';
import { presetForDomain, presetForEmail, recommendedConnection } from './provider-presets';

describe('presetForEmail', () => {
  it.each([
    ['someone@gmail.com', 'gmail', 'imap.gmail.com', 993, 'tls', 'smtp.gmail.com', 465, 'tls', 'always', 'google-oauth'],
    ['Someone@GoogleMail.com', 'gmail', 'imap.gmail.com', 993, 'tls', 'smtp.gmail.com', 465, 'tls', 'always', 'google-oauth'],
    ['a@outlook.com', 'outlook', 'outlook.office365.com', 993, 'tls', 'smtp-mail.outlook.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@hotmail.com', 'outlook', 'outlook.office365.com', 993, 'tls', 'smtp-mail.outlook.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@hotmail.co.uk', 'outlook', 'outlook.office365.com', 993, 'tls', 'smtp-mail.outlook.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@live.nl', 'outlook', 'outlook.office365.com', 993, 'tls', 'smtp-mail.outlook.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@outlook.de', 'outlook', 'outlook.office365.com', 993, 'tls', 'smtp-mail.outlook.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@msn.com', 'outlook', 'outlook.office365.com', 993, 'tls', 'smtp-mail.outlook.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@contoso.onmicrosoft.com', 'office365', 'outlook.office365.com', 993, 'tls', 'smtp.office365.com', 587, 'starttls', 'with-2fa', 'microsoft-oauth'],
    ['a@yahoo.com', 'yahoo', 'imap.mail.yahoo.com', 993, 'tls', 'smtp.mail.yahoo.com', 465, 'tls', 'always', 'password'],
    ['a@yahoo.co.uk', 'yahoo', 'imap.mail.yahoo.com', 993, 'tls', 'smtp.mail.yahoo.com', 465, 'tls', 'always', 'password'],
    ['a@yahoo.com.au', 'yahoo', 'imap.mail.yahoo.com', 993, 'tls', 'smtp.mail.yahoo.com', 465, 'tls', 'always', 'password'],
    ['a@ymail.com', 'yahoo', 'imap.mail.yahoo.com', 993, 'tls', 'smtp.mail.yahoo.com', 465, 'tls', 'always', 'password'],
    ['a@icloud.com', 'icloud', 'imap.mail.me.com', 993, 'tls', 'smtp.mail.me.com', 587, 'starttls', 'always', 'password'],
    ['a@me.com', 'icloud', 'imap.mail.me.com', 993, 'tls', 'smtp.mail.me.com', 587, 'starttls', 'always', 'password'],
    ['a@mac.com', 'icloud', 'imap.mail.me.com', 993, 'tls', 'smtp.mail.me.com', 587, 'starttls', 'always', 'password'],
    ['a@fastmail.com', 'fastmail', 'imap.fastmail.com', 993, 'tls', 'smtp.fastmail.com', 465, 'tls', 'always', 'password'],
    ['a@fastmail.fm', 'fastmail', 'imap.fastmail.com', 993, 'tls', 'smtp.fastmail.com', 465, 'tls', 'always', 'password'],
    ['a@zoho.com', 'zoho', 'imap.zoho.com', 993, 'tls', 'smtp.zoho.com', 465, 'tls', 'with-2fa', 'password'],
    ['a@zohomail.eu', 'zoho', 'imap.zoho.eu', 993, 'tls', 'smtp.zoho.eu', 465, 'tls', 'with-2fa', 'password'],
    ['a@gmx.com', 'gmx', 'imap.gmx.com', 993, 'tls', 'mail.gmx.com', 587, 'starttls', 'with-2fa', 'password'],
    ['a@gmx.us', 'gmx', 'imap.gmx.com', 993, 'tls', 'mail.gmx.com', 587, 'starttls', 'with-2fa', 'password'],
    ['a@gmx.net', 'gmx', 'imap.gmx.net', 993, 'tls', 'mail.gmx.net', 587, 'starttls', 'with-2fa', 'password'],
    ['a@gmx.de', 'gmx', 'imap.gmx.net', 993, 'tls', 'mail.gmx.net', 587, 'starttls', 'with-2fa', 'password'],
    ['a@gmx.at', 'gmx', 'imap.gmx.net', 993, 'tls', 'mail.gmx.net', 587, 'starttls', 'with-2fa', 'password'],
    ['a@gmx.ch', 'gmx', 'imap.gmx.net', 993, 'tls', 'mail.gmx.net', 587, 'starttls', 'with-2fa', 'password'],
  ])('%s → %s', (email, id, imapHost, imapPort, imapSecurity, smtpHost, smtpPort, smtpSecurity, appPassword, recommended) => {
    const preset = presetForEmail(email);
    expect(preset).toMatchObject({
      id,
      imap: { host: imapHost, port: imapPort, security: imapSecurity },
      smtp: { host: smtpHost, port: smtpPort, security: smtpSecurity },
      appPassword,
      recommended,
    });
    expect(preset?.note.length).toBeGreaterThan(20);
    expect(recommendedConnection(email)).toBe(recommended);
  });

  it.each(['a@example.com', 'a@gmail.co', 'a@mygmail.com', 'a@live.example.com', 'a@yahoo.example.org', 'no-at-sign', '@gmail.com', ''])(
    '%j has no preset',
    (email) => {
      expect(presetForEmail(email)).toBeNull();
      expect(recommendedConnection(email)).toBe('password');
    },
  );

  it('accepts a bare domain with a trailing dot', () => {
    expect(presetForDomain('GMAIL.COM.')?.id).toBe('gmail');
  });
});
