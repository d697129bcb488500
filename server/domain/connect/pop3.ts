// PRODUCT #3: POP3 is refused, with an explanation a non-technical user understands.

export type Pop3Signal = 'port' | 'host' | 'greeting';

export type Pop3Check = { pop3: false } | { pop3: true; signals: Pop3Signal[]; message: string };

export const POP3_PORTS: readonly number[] = [110, 995];

export const POP3_EXPLANATION =
  'These look like POP3 settings, and POP3 can’t be used here. ' +
  'POP3 downloads your email to one device and then removes it from the server, ' +
  'so the CRM would not be able to keep seeing your mailbox. ' +
  'IMAP keeps your email on the server, so your email program, your phone and the CRM all see the same mailbox. ' +
  'If your email program shows POP3 settings, ask your IT team or email provider for the IMAP and SMTP server names and ports, and enter those here.';

// Host names like pop.example.com, pop3.example.com or pop3s.example.com (not "popular.example.com").
const POP3_HOST = /^(pop|pop3|pop3s)\./i;

// PRODUCT #3: a port 110/995, a pop./pop3. host, or a "+OK" greeting is a POP3 attempt.
export function detectPop3(input: { host?: string; port?: number; greeting?: string }): Pop3Check {
  const signals: Pop3Signal[] = [];
  if (input.port !== undefined && POP3_PORTS.includes(input.port)) signals.push('port');
  if (input.host !== undefined && POP3_HOST.test(input.host.trim())) signals.push('host');
  // RFC 1939: a POP3 server greets with "+OK"; an IMAP server with "* OK".
  if (input.greeting !== undefined && /^\s*\+OK\b/i.test(input.greeting)) signals.push('greeting');
  return signals.length === 0 ? { pop3: false } : { pop3: true, signals, message: POP3_EXPLANATION };
}
