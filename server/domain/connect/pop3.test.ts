import { describe, expect, it } from 'vitest';
import { POP3_EXPLANATION, detectPop3 } from './pop3';

// PRODUCT #3
describe('detectPop3', () => {
  it.each([
    [{ port: 110 }, ['port']],
    [{ port: 995 }, ['port']],
    [{ host: 'pop.example.com' }, ['host']],
    [{ host: 'POP3.example.com' }, ['host']],
    [{ host: ' pop3s.example.com' }, ['host']],
    [{ greeting: '+OK Dovecot ready.' }, ['greeting']],
    [{ greeting: '+OK' }, ['greeting']],
    [{ host: 'pop.gmail.com', port: 995 }, ['port', 'host']],
    [{ host: 'pop.example.com', port: 110, greeting: '+OK POP3 server ready' }, ['port', 'host', 'greeting']],
  ])('%j is a POP3 attempt (%j)', (input, signals) => {
    expect(detectPop3(input)).toEqual({ pop3: true, signals, message: POP3_EXPLANATION });
  });

  it.each([
    [{}],
    [{ port: 993 }],
    [{ port: 143 }],
    [{ port: 587 }],
    [{ host: 'imap.example.com' }],
    [{ host: 'popular.example.com' }],
    [{ host: 'mail.pop.example.com' }],
    [{ host: 'pop' }],
    [{ greeting: '* OK [CAPABILITY IMAP4rev1] Dovecot ready.' }],
    [{ greeting: '220 smtp.example.com ESMTP' }],
    [{ greeting: '+OKAY' }],
  ])('%j is not POP3', (input) => {
    expect(detectPop3(input)).toEqual({ pop3: false });
  });

  it('explains POP3 in plain language (PRODUCT #3)', () => {
    expect(POP3_EXPLANATION).toMatch(/downloads your email to one device/);
    expect(POP3_EXPLANATION).toMatch(/removes it from the server/);
    expect(POP3_EXPLANATION).toMatch(/IMAP keeps your email on the server/);
    expect(POP3_EXPLANATION).toMatch(/ask your IT team or email provider for the IMAP and SMTP server names and ports/);
  });
});
