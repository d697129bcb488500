import crypto from 'node:crypto';
import type { MailSecurity } from './imap-connect';

// OAuth 2.0 for mailbox access (PRODUCT #2): authorization code + PKCE (RFC 7636) + state, refresh
// (RFC 6749 §6) and revocation (RFC 7009). Separate from app sign-in. Endpoints come from env so tests
// point them at the local provider; defaults are the real providers'.

export type OAuthProviderId = 'google' | 'microsoft';
export type ServerEndpoint = { host: string; port: number; security: MailSecurity };

export type MailboxOAuthConfig = {
  provider: OAuthProviderId;
  clientId: string;
  clientSecret?: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl?: string;
  scopes: string[];
  imap: ServerEndpoint;
  smtp: ServerEndpoint;
};

const DEFAULTS = {
  google: {
    authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    revokeUrl: 'https://oauth2.googleapis.com/revoke',
    scopes: ['https://mail.google.com/', 'openid', 'email'],
    imap: 'imap.gmail.com:993:tls',
    smtp: 'smtp.gmail.com:465:tls',
  },
  microsoft: {
    authUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    // Microsoft has no token revocation endpoint; removing the app from the account is the user's step.
    revokeUrl: undefined,
    scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access', 'openid', 'email'],
    imap: 'outlook.office365.com:993:tls',
    smtp: 'smtp.office365.com:587:starttls',
  },
} as const;

function parseEndpoint(spec: string): ServerEndpoint {
  const [host, port, security] = spec.split(':');
  if (!host || !port || !/^\d+$/.test(port)) throw new Error(`bad mail endpoint "${spec}" (expected host:port:security)`);
  const sec = (security ?? 'tls') as MailSecurity;
  if (!['tls', 'starttls', 'none'].includes(sec)) throw new Error(`bad security in "${spec}"`);
  return { host, port: Number(port), security: sec };
}

/** The provider's config, or null when no client id is configured (the UI then explains the setup). */
export function mailboxOAuthConfig(provider: OAuthProviderId, source: Record<string, string | undefined> = process.env): MailboxOAuthConfig | null {
  const P = provider === 'google' ? 'MAILBOX_GOOGLE' : 'MAILBOX_MICROSOFT';
  const v = (k: string) => {
    const value = source[`${P}_${k}`]?.trim();
    return value ? value : undefined;
  };
  const clientId = v('CLIENT_ID');
  if (!clientId) return null;
  const d = DEFAULTS[provider];
  return {
    provider,
    clientId,
    clientSecret: v('CLIENT_SECRET'),
    authUrl: v('AUTH_URL') ?? d.authUrl,
    tokenUrl: v('TOKEN_URL') ?? d.tokenUrl,
    revokeUrl: v('REVOKE_URL') ?? d.revokeUrl,
    scopes: [...d.scopes],
    imap: parseEndpoint(v('IMAP') ?? d.imap),
    smtp: parseEndpoint(v('SMTP') ?? d.smtp),
  };
}

export type PkcePair = { verifier: string; challenge: string };

export function newPkce(): PkcePair {
  const verifier = crypto.randomBytes(48).toString('base64url');
  return { verifier, challenge: crypto.createHash('sha256').update(verifier).digest('base64url') };
}

export function newState(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function authorizationUrl(cfg: MailboxOAuthConfig, o: { redirectUri: string; state: string; challenge: string; loginHint?: string }): string {
  const url = new URL(cfg.authUrl);
  const p = url.searchParams;
  p.set('response_type', 'code');
  p.set('client_id', cfg.clientId);
  p.set('redirect_uri', o.redirectUri);
  p.set('scope', cfg.scopes.join(' '));
  p.set('state', o.state);
  p.set('code_challenge', o.challenge);
  p.set('code_challenge_method', 'S256');
  if (cfg.provider === 'google') {
    // Offline access and a fresh consent are what make Google return a refresh token every time.
    p.set('access_type', 'offline');
    p.set('prompt', 'consent');
  } else {
    p.set('prompt', 'select_account');
  }
  if (o.loginHint) p.set('login_hint', o.loginHint);
  return url.toString();
}

export type TokenResponse = { accessToken: string; refreshToken?: string; expiresIn: number; scope?: string; idTokenClaims?: Record<string, unknown> };

/** A token-endpoint refusal; `error` is the RFC 6749 code (invalid_grant etc.), status the HTTP status. */
export class OAuthTokenError extends Error {
  constructor(
    readonly error: string,
    readonly status: number,
    readonly description?: string,
  ) {
    super(`OAuth token endpoint: ${error}`);
    this.name = 'OAuthTokenError';
  }
}

async function tokenCall(cfg: MailboxOAuthConfig, params: Record<string, string>, timeoutMs: number): Promise<TokenResponse> {
  const body = new URLSearchParams({ ...params, client_id: cfg.clientId, ...(cfg.clientSecret ? { client_secret: cfg.clientSecret } : {}) });
  let res: Response;
  try {
    res = await fetch(cfg.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (e) {
    const err = e as Error;
    throw new OAuthTokenError(err.name === 'TimeoutError' ? 'ETIMEDOUT' : 'ECONNREFUSED', 0);
  }
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof json.access_token !== 'string') {
    const error = typeof json.error === 'string' ? json.error : res.ok ? 'invalid_response' : 'server_error';
    throw new OAuthTokenError(error, res.status, typeof json.error_description === 'string' ? json.error_description.slice(0, 300) : undefined);
  }
  return {
    accessToken: json.access_token,
    refreshToken: typeof json.refresh_token === 'string' ? json.refresh_token : undefined,
    expiresIn: typeof json.expires_in === 'number' ? json.expires_in : Number(json.expires_in ?? 3600) || 3600,
    scope: typeof json.scope === 'string' ? json.scope : undefined,
    idTokenClaims: typeof json.id_token === 'string' ? decodeIdToken(json.id_token) : undefined,
  };
}

// OIDC Core §3.1.3.7: an ID token received directly from the token endpoint over TLS may be trusted
// without checking its signature; we only read the account identity from it.
function decodeIdToken(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export function exchangeCode(cfg: MailboxOAuthConfig, o: { code: string; redirectUri: string; verifier: string }, timeoutMs = 15_000) {
  return tokenCall(cfg, { grant_type: 'authorization_code', code: o.code, redirect_uri: o.redirectUri, code_verifier: o.verifier }, timeoutMs);
}

export function refreshAccessToken(cfg: MailboxOAuthConfig, refreshToken: string, timeoutMs = 15_000) {
  return tokenCall(cfg, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: cfg.scopes.join(' ') }, timeoutMs);
}

/** Best effort (RFC 7009): false when the provider has no endpoint or the call failed. */
export async function revokeToken(cfg: MailboxOAuthConfig, token: string, timeoutMs = 10_000): Promise<boolean> {
  if (!cfg.revokeUrl) return false;
  try {
    const body = new URLSearchParams({ token, client_id: cfg.clientId, ...(cfg.clientSecret ? { client_secret: cfg.clientSecret } : {}) });
    const res = await fetch(cfg.revokeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}

/** The mailbox address named by the ID token (Google: email; Microsoft: email or preferred_username). */
export function accountEmail(claims: Record<string, unknown> | undefined): string | null {
  const email = claims?.email ?? claims?.preferred_username ?? claims?.upn;
  return typeof email === 'string' && email.includes('@') ? email.trim() : null;
}
