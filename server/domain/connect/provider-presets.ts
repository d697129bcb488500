// Issue 4: known providers pre-fill the "Other (IMAP/SMTP)" form from the email domain (PRODUCT #2).

export type TransportSecurity = 'tls' | 'starttls' | 'none';
export type ServerSettings = { host: string; port: number; security: TransportSecurity };
export type ProviderId = 'gmail' | 'outlook' | 'office365' | 'yahoo' | 'icloud' | 'fastmail' | 'zoho' | 'gmx';

export type ProviderPreset = {
  id: ProviderId;
  name: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  /** 'always': the account password never works over IMAP; 'with-2fa': only when two-step sign-in is on. */
  appPassword: 'always' | 'with-2fa' | 'never';
  /** Google and Microsoft have their own sign-in button, which is preferred over a password. */
  recommended: 'google-oauth' | 'microsoft-oauth' | 'password';
  username: 'email' | 'local-part';
  note: string;
};

const tls = (host: string, port: number): ServerSettings => ({ host, port, security: 'tls' });
const starttls = (host: string, port: number): ServerSettings => ({ host, port, security: 'starttls' });

const PRESETS: Record<ProviderId, Omit<ProviderPreset, 'id'>> = {
  gmail: {
    name: 'Gmail',
    imap: tls('imap.gmail.com', 993),
    smtp: tls('smtp.gmail.com', 465),
    appPassword: 'always',
    recommended: 'google-oauth',
    username: 'email',
    note: 'Use “Connect with Google” instead. With a password, Gmail needs an app password (Google account → Security → App passwords).',
  },
  outlook: {
    name: 'Outlook.com',
    imap: tls('outlook.office365.com', 993),
    smtp: starttls('smtp-mail.outlook.com', 587),
    appPassword: 'with-2fa',
    recommended: 'microsoft-oauth',
    username: 'email',
    note: 'Use “Connect with Microsoft” instead. Microsoft has turned off password sign-in for most accounts.',
  },
  office365: {
    name: 'Microsoft 365',
    imap: tls('outlook.office365.com', 993),
    smtp: starttls('smtp.office365.com', 587),
    appPassword: 'with-2fa',
    recommended: 'microsoft-oauth',
    username: 'email',
    note: 'Use “Connect with Microsoft” instead. Password sign-in is usually turned off by your organization.',
  },
  yahoo: {
    name: 'Yahoo Mail',
    imap: tls('imap.mail.yahoo.com', 993),
    smtp: tls('smtp.mail.yahoo.com', 465),
    appPassword: 'always',
    recommended: 'password',
    username: 'email',
    note: 'Yahoo needs an app password: Yahoo account → Account security → Generate app password.',
  },
  icloud: {
    name: 'iCloud Mail',
    imap: tls('imap.mail.me.com', 993),
    smtp: starttls('smtp.mail.me.com', 587),
    appPassword: 'always',
    recommended: 'password',
    username: 'email',
    note: 'iCloud needs an app-specific password, not your Apple Account password: account.apple.com → Sign-In and Security → App-Specific Passwords.',
  },
  fastmail: {
    name: 'Fastmail',
    imap: tls('imap.fastmail.com', 993),
    smtp: tls('smtp.fastmail.com', 465),
    appPassword: 'always',
    recommended: 'password',
    username: 'email',
    note: 'Fastmail needs an app password: Settings → Privacy & Security → Manage app passwords.',
  },
  zoho: {
    name: 'Zoho Mail',
    imap: tls('imap.zoho.com', 993),
    smtp: tls('smtp.zoho.com', 465),
    appPassword: 'with-2fa',
    recommended: 'password',
    username: 'email',
    note: 'Turn on IMAP access in Zoho Mail settings. With two-factor sign-in, use an app-specific password.',
  },
  gmx: {
    name: 'GMX',
    imap: tls('imap.gmx.com', 993),
    smtp: starttls('mail.gmx.com', 587),
    appPassword: 'with-2fa',
    recommended: 'password',
    username: 'email',
    note: 'Turn on “POP3/IMAP access” in GMX settings (E-mail → Settings → POP3 & IMAP) first.',
  },
};

// GMX runs two regions with different host names; the .net/.de/.at/.ch family uses gmx.net.
const GMX_NET_DOMAINS = new Set(['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'gmx.li']);
const ZOHO_EU_DOMAINS = new Set(['zoho.eu', 'zohomail.eu']);

const EXACT: Record<string, ProviderId> = {
  'gmail.com': 'gmail',
  'googlemail.com': 'gmail',
  'msn.com': 'outlook',
  'passport.com': 'outlook',
  'ymail.com': 'yahoo',
  'rocketmail.com': 'yahoo',
  'icloud.com': 'icloud',
  'me.com': 'icloud',
  'mac.com': 'icloud',
  'fastmail.com': 'fastmail',
  'fastmail.fm': 'fastmail',
  'fastmail.net': 'fastmail',
  'fastmail.org': 'fastmail',
  'messagingengine.com': 'fastmail',
  'zoho.com': 'zoho',
  'zohomail.com': 'zoho',
  'zoho.eu': 'zoho',
  'zohomail.eu': 'zoho',
  'gmx.com': 'gmx',
  'gmx.us': 'gmx',
  'gmx.co.uk': 'gmx',
  'gmx.fr': 'gmx',
  'gmx.es': 'gmx',
  'gmx.it': 'gmx',
  'gmx.net': 'gmx',
  'gmx.de': 'gmx',
  'gmx.at': 'gmx',
  'gmx.ch': 'gmx',
  'gmx.li': 'gmx',
};

// Country variants such as hotmail.co.uk, live.nl, outlook.de, yahoo.com.au, yahoo.fr.
const COUNTRY_TLD = String.raw`(com|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})`;
const MICROSOFT_CONSUMER = new RegExp(`^(outlook|hotmail|live|windowslive)\\.${COUNTRY_TLD}$`);
const YAHOO = new RegExp(`^(yahoo|ymail)\\.${COUNTRY_TLD}$`);

// Issue 4: pre-fill settings for a known provider from a bare domain (already lower-case ASCII).
export function presetForDomain(domainInput: string): ProviderPreset | null {
  const domain = domainInput.trim().toLowerCase().replace(/\.$/, '');
  let id: ProviderId | undefined = EXACT[domain];
  if (!id && MICROSOFT_CONSUMER.test(domain)) id = 'outlook';
  if (!id && YAHOO.test(domain)) id = 'yahoo';
  if (!id && domain.endsWith('.onmicrosoft.com')) id = 'office365';
  if (!id) return null;
  const preset: ProviderPreset = { id, ...PRESETS[id] };
  if (id === 'gmx' && GMX_NET_DOMAINS.has(domain)) {
    return { ...preset, imap: tls('imap.gmx.net', 993), smtp: starttls('mail.gmx.net', 587) };
  }
  if (id === 'zoho' && ZOHO_EU_DOMAINS.has(domain)) {
    return { ...preset, imap: tls('imap.zoho.eu', 993), smtp: tls('smtp.zoho.eu', 465) };
  }
  return preset;
}

// Issue 4: pre-fill from a full email address; null for unknown domains or malformed input.
export function presetForEmail(email: string): ProviderPreset | null {
  const at = email.trim().lastIndexOf('@');
  if (at < 1) return null;
  return presetForDomain(email.trim().slice(at + 1));
}

// PRODUCT #2: Google and Microsoft mailboxes should use their OAuth buttons rather than a password.
export function recommendedConnection(email: string): ProviderPreset['recommended'] {
  return presetForEmail(email)?.recommended ?? 'password';
}
