// Shapes shared by the mail world, its helpers and the tests. Everything in MailWorldInfo is plain JSON
// so the vitest global setup can hand it to test workers through provide/inject.

export type MailFlavour = 'special-use' | 'no-special-use';
export type OAuthProviderName = 'google' | 'microsoft';

/** Three ways into one IMAP server: cleartext (no STARTTLS offered), implicit TLS, and STARTTLS. */
export interface ImapEndpoints {
  plainPort: number;
  tlsPort: number;
  starttlsPort: number;
  /** Mail domain whose users live on this flavour (createMailUser may still pick any domain). */
  domain: string;
  /** Name of the folder that receives sent mail on this flavour. */
  sentFolder: string;
  /** Path of the Dovecot config used by doveadm for this flavour. */
  doveadmConfig: string;
}

export interface OAuthProviderInfo {
  issuer: string;
  discoveryUrl: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint: string;
  introspectionEndpoint: string;
  userinfoEndpoint: string;
  jwksUri: string;
  clientId: string;
  clientSecret: string;
  /** Scopes a mail client should ask for (IMAP + SMTP + OIDC identity). */
  mailScopes: string[];
}

export interface MailWorldInfo {
  host: '127.0.0.1';
  imap: { specialUse: ImapEndpoints; noSpecialUse: ImapEndpoints };
  /** SMTP submission: `plainPort` offers no STARTTLS, `starttlsPort` requires it before AUTH, `tlsPort` is implicit TLS. */
  smtp: { plainPort: number; starttlsPort: number; tlsPort: number };
  /** PEM of the CA that signed every server certificate; pass it as `ca` instead of disabling checks. */
  caPem: string;
  oauth: {
    baseUrl: string;
    accessTokenTtlSeconds: number;
    google: OAuthProviderInfo;
    microsoft: OAuthProviderInfo;
  };
  /** Test-control HTTP API of the running world (users, grants, SMTP behaviour). */
  controlUrl: string;
  catchAllEmail: string;
  demo: { email: string; password: string };
  /** Users seeded at start-up (all with password `password`), besides the demo and catch-all users. */
  seededUsers: Array<{ email: string; password: string; flavour: MailFlavour }>;
  stateDir: string;
  /** Pid of the process that owns the world (the CLI or the vitest global setup). */
  pid: number;
  startedInMs: number;
}

export interface MailWorld {
  info: MailWorldInfo;
  stop(): Promise<void>;
}
