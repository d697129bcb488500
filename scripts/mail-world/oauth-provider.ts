import crypto from 'node:crypto';
import type { OAuthProviderInfo, OAuthProviderName } from './types';

// A small OAuth 2.0 / OIDC provider standing in for Google and Microsoft: authorization code + PKCE with
// auto-approval, refresh tokens that can be revoked, short-lived access tokens and RFC 7662 introspection
// (which Dovecot's oauth2 passdb and the SMTP submission server use to validate XOAUTH2 tokens).

export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token: string;
}

interface Grant {
  id: string;
  provider: OAuthProviderName;
  email: string;
  clientId: string;
  scope: string;
  revoked: boolean;
}
interface AccessToken {
  grantId: string;
  expiresAt: number;
}
interface AuthCode {
  provider: OAuthProviderName;
  email: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge?: string;
  challengeMethod?: string;
  nonce?: string;
  offline: boolean;
  expiresAt: number;
}

export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
  }
}

const SCOPES: Record<OAuthProviderName, string[]> = {
  google: ['https://mail.google.com/', 'openid', 'email', 'profile'],
  microsoft: [
    'https://outlook.office.com/IMAP.AccessAsUser.All',
    'https://outlook.office.com/SMTP.Send',
    'offline_access',
    'openid',
    'email',
    'profile',
  ],
};

// The wording real providers use when a refresh token is dead, so error classification can be tested.
const REVOKED: Record<OAuthProviderName, string> = {
  google: 'Token has been expired or revoked.',
  microsoft: 'AADSTS70000: The provided grant has expired due to it being revoked, a fresh auth token is needed.',
};

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const token = (prefix: string) => `${prefix}${crypto.randomBytes(24).toString('base64url')}`;

export class OAuthProvider {
  private readonly grants = new Map<string, Grant>();
  private readonly refresh = new Map<string, string>(); // refresh token -> grant id
  private readonly access = new Map<string, AccessToken>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly key = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = crypto.randomBytes(8).toString('hex');
  readonly clients: Record<OAuthProviderName, { id: string; secret: string }> = {
    // Fixed, public values: this provider only exists on 127.0.0.1, and fixed ids let a dev .env name them.
    google: { id: 'mailroom-local.apps.googleusercontent.test', secret: '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' },
    microsoft: { id: '00000000-0000-4000-8000-00000000beef', secret: 'mailroom-local-microsoft-secret' },
  };

  constructor(
    readonly baseUrl: string,
    public accessTokenTtlSeconds: number,
    /** Mailbox user named by tokens when the authorize request carries no login_hint. */
    public defaultUser: string,
  ) {}

  info(p: OAuthProviderName): OAuthProviderInfo {
    const issuer = `${this.baseUrl}/${p}`;
    return {
      issuer,
      discoveryUrl: `${issuer}/.well-known/openid-configuration`,
      authorizationEndpoint: `${issuer}/authorize`,
      tokenEndpoint: `${issuer}/token`,
      revocationEndpoint: `${issuer}/revoke`,
      introspectionEndpoint: `${issuer}/introspect`,
      userinfoEndpoint: `${issuer}/userinfo`,
      jwksUri: `${issuer}/jwks`,
      clientId: this.clients[p].id,
      clientSecret: this.clients[p].secret,
      mailScopes: SCOPES[p],
    };
  }

  discovery(p: OAuthProviderName): Record<string, unknown> {
    const i = this.info(p);
    return {
      issuer: i.issuer,
      authorization_endpoint: i.authorizationEndpoint,
      token_endpoint: i.tokenEndpoint,
      revocation_endpoint: i.revocationEndpoint,
      introspection_endpoint: i.introspectionEndpoint,
      userinfo_endpoint: i.userinfoEndpoint,
      jwks_uri: i.jwksUri,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256', 'plain'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      scopes_supported: SCOPES[p],
      claims_supported: ['sub', 'email', 'email_verified', 'name', 'preferred_username'],
    };
  }

  jwks(): Record<string, unknown> {
    const jwk = this.key.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256' }] };
  }

  // Auto-approves the consent screen and returns the redirect URL carrying the code (RFC 6749 §4.1.2).
  authorize(p: OAuthProviderName, q: URLSearchParams): string {
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    if (clientId !== this.clients[p].id) throw new OAuthError(400, 'invalid_client', `unknown client_id ${clientId}`);
    if (!/^https?:\/\//.test(redirectUri)) throw new OAuthError(400, 'invalid_request', 'redirect_uri is required');
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    if (q.get('response_type') !== 'code') {
      back.searchParams.set('error', 'unsupported_response_type');
      return back.toString();
    }
    const email = (q.get('login_hint') ?? this.defaultUser).toLowerCase();
    if (email === 'deny@access.test') {
      back.searchParams.set('error', 'access_denied');
      return back.toString();
    }
    const scope = q.get('scope') ?? SCOPES[p].join(' ');
    const code = token('code-');
    this.codes.set(code, {
      provider: p,
      email,
      clientId,
      redirectUri,
      scope,
      challenge: q.get('code_challenge') ?? undefined,
      challengeMethod: q.get('code_challenge_method') ?? undefined,
      nonce: q.get('nonce') ?? undefined,
      // Google only hands out a refresh token for access_type=offline; Microsoft only for offline_access.
      offline: p === 'google' ? q.get('access_type') === 'offline' : scope.split(/\s+/).includes('offline_access'),
      expiresAt: Date.now() + 60_000,
    });
    back.searchParams.set('code', code);
    if (p === 'google') back.searchParams.set('scope', scope);
    return back.toString();
  }

  private checkClient(p: OAuthProviderName, id: string | null, secret: string | null): void {
    if (id !== this.clients[p].id || secret !== this.clients[p].secret) {
      throw new OAuthError(401, 'invalid_client', 'client authentication failed');
    }
  }

  // Token endpoint (RFC 6749 §4.1.3 and §6, PKCE per RFC 7636).
  token(p: OAuthProviderName, body: URLSearchParams, basic?: { id: string; secret: string }): TokenSet {
    this.checkClient(p, basic?.id ?? body.get('client_id'), basic?.secret ?? body.get('client_secret'));
    const grantType = body.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = this.codes.get(body.get('code') ?? '');
      this.codes.delete(body.get('code') ?? '');
      if (!code || code.provider !== p || code.expiresAt < Date.now()) throw new OAuthError(400, 'invalid_grant', 'authorization code is invalid or expired');
      if (code.redirectUri !== body.get('redirect_uri')) throw new OAuthError(400, 'invalid_grant', 'redirect_uri mismatch');
      if (code.challenge) {
        const verifier = body.get('code_verifier') ?? '';
        const computed = code.challengeMethod === 'S256' ? b64url(crypto.createHash('sha256').update(verifier).digest()) : verifier;
        if (computed !== code.challenge) throw new OAuthError(400, 'invalid_grant', 'PKCE verification failed');
      }
      return this.newGrant(p, code.email, code.clientId, code.scope, code.offline, code.nonce);
    }
    if (grantType === 'refresh_token') {
      const grantId = this.refresh.get(body.get('refresh_token') ?? '');
      const grant = grantId ? this.grants.get(grantId) : undefined;
      if (!grant || grant.revoked || grant.provider !== p) throw new OAuthError(400, 'invalid_grant', REVOKED[p]);
      const set = this.mint(grant);
      if (p === 'microsoft') {
        // Microsoft rotates refresh tokens on every use (the old one stays valid until revoked).
        const next = token('1.M.');
        this.refresh.set(next, grant.id);
        set.refresh_token = next;
      }
      return set;
    }
    throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  // Issues tokens without a browser round trip (for tests that just need a valid token).
  issue(p: OAuthProviderName, email: string, accessTtlSeconds?: number): TokenSet {
    return this.newGrant(p, email.toLowerCase(), this.clients[p].id, SCOPES[p].join(' '), true, undefined, accessTtlSeconds);
  }

  private newGrant(p: OAuthProviderName, email: string, clientId: string, scope: string, offline: boolean, nonce?: string, ttl?: number): TokenSet {
    const grant: Grant = { id: crypto.randomUUID(), provider: p, email, clientId, scope, revoked: false };
    this.grants.set(grant.id, grant);
    const set = this.mint(grant, nonce, ttl);
    if (offline) {
      const rt = token(p === 'google' ? '1//' : '1.M.');
      this.refresh.set(rt, grant.id);
      set.refresh_token = rt;
    }
    return set;
  }

  private mint(grant: Grant, nonce?: string, ttl = this.accessTokenTtlSeconds): TokenSet {
    const at = token(grant.provider === 'google' ? 'ya29.' : 'EwB');
    this.access.set(at, { grantId: grant.id, expiresAt: Date.now() + ttl * 1000 });
    return { access_token: at, token_type: 'Bearer', expires_in: ttl, scope: grant.scope, id_token: this.idToken(grant, nonce) };
  }

  private idToken(grant: Grant, nonce?: string): string {
    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: `${this.baseUrl}/${grant.provider}`,
      aud: grant.clientId,
      sub: crypto.createHash('sha256').update(`${grant.provider}:${grant.email}`).digest('hex').slice(0, 21),
      email: grant.email,
      email_verified: true,
      name: grant.email.split('@')[0],
      preferred_username: grant.email,
      iat: now,
      exp: now + 3600,
      ...(nonce ? { nonce } : {}),
    };
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const body = b64url(JSON.stringify(claims));
    const sig = crypto.sign('sha256', Buffer.from(`${head}.${body}`), this.key.privateKey);
    return `${head}.${body}.${b64url(sig)}`;
  }

  // RFC 7662 introspection; inactive for unknown, expired or revoked tokens.
  introspect(tok: string): Record<string, unknown> {
    const a = this.access.get(tok);
    const grant = a ? this.grants.get(a.grantId) : undefined;
    if (!a || !grant || grant.revoked || a.expiresAt <= Date.now()) return { active: false };
    return {
      active: true,
      email: grant.email,
      username: grant.email,
      sub: grant.email,
      client_id: grant.clientId,
      scope: grant.scope,
      token_type: 'Bearer',
      exp: Math.floor(a.expiresAt / 1000),
    };
  }

  userinfo(tok: string): Record<string, unknown> | undefined {
    const i = this.introspect(tok);
    if (!i.active) return undefined;
    return { sub: i.sub, email: i.email, email_verified: true, name: String(i.email).split('@')[0] };
  }

  // RFC 7009 revocation: revoking either token kills the whole grant, as Google does.
  revoke(tok: string): void {
    const grantId = this.refresh.get(tok) ?? this.access.get(tok)?.grantId;
    const grant = grantId ? this.grants.get(grantId) : undefined;
    if (grant) grant.revoked = true;
  }

  // "App access removed" in the account settings: every grant of the user dies.
  revokeUser(email: string): number {
    let n = 0;
    for (const g of this.grants.values()) {
      if (g.email === email.toLowerCase() && !g.revoked) {
        g.revoked = true;
        n++;
      }
    }
    return n;
  }

  // Makes every live access token of the user expire now, to test refresh-on-expiry without waiting.
  expireAccessTokens(email: string): number {
    let n = 0;
    for (const a of this.access.values()) {
      if (this.grants.get(a.grantId)?.email === email.toLowerCase() && a.expiresAt > Date.now()) {
        a.expiresAt = Date.now() - 1;
        n++;
      }
    }
    return n;
  }
}
