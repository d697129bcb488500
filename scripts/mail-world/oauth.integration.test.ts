import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mailWorld } from '@/test/mail-world';
import { createUniqueMailUser, expireAccessTokens, issueTokens, revokeAllGrants, revokeRefreshToken, setMailPassword } from './helpers';
import { imapClient, smtpTransport, withImap, type ImapAuth } from './test-clients';
import type { OAuthProviderInfo } from './types';

const info = mailWorld();
const imap = info.imap.specialUse;

async function imapLoginError(port: number, auth: ImapAuth): Promise<{ authenticationFailed?: boolean; serverResponseCode?: string; responseText?: string }> {
  const c = imapClient(info, port, auth);
  c.on('error', () => undefined);
  try {
    await c.connect();
  } catch (e) {
    return e as { authenticationFailed?: boolean; serverResponseCode?: string; responseText?: string };
  }
  await c.logout();
  throw new Error('login unexpectedly succeeded');
}

// Runs the browser leg of an authorization-code + PKCE flow (RFC 7636) and returns the token response.
async function codeFlow(p: OAuthProviderInfo, o: { loginHint: string; scope: string; extra?: Record<string, string>; verifierOverride?: string }) {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = 'http://127.0.0.1:3000/api/oauth/callback';
  const url = new URL(p.authorizationEndpoint);
  const params = { response_type: 'code', client_id: p.clientId, redirect_uri: redirectUri, scope: o.scope, state: 'st-1', code_challenge: challenge, code_challenge_method: 'S256', login_hint: o.loginHint, ...o.extra };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const auth = await fetch(url, { redirect: 'manual' });
  expect(auth.status).toBe(302);
  const back = new URL(auth.headers.get('location') ?? '');
  expect(back.origin + back.pathname).toBe(redirectUri);
  expect(back.searchParams.get('state')).toBe('st-1');
  const res = await fetch(p.tokenEndpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${p.clientId}:${p.clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code') ?? '', redirect_uri: redirectUri, code_verifier: o.verifierOverride ?? verifier }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string | number | undefined> };
}

async function refresh(p: OAuthProviderInfo, token: string) {
  const res = await fetch(p.tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: p.clientId, client_secret: p.clientSecret }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string | undefined> };
}

describe('local OAuth provider', () => {
  it('runs the Google code + PKCE flow; the access token logs into IMAP and SMTP with XOAUTH2; the id_token verifies', async () => {
    const u = await createUniqueMailUser(info, 'google');
    const g = info.oauth.google;
    const t = await codeFlow(g, { loginHint: u.email, scope: g.mailScopes.join(' '), extra: { access_type: 'offline', prompt: 'consent' } });
    expect(t.status).toBe(200);
    expect(typeof t.body.refresh_token).toBe('string');
    const accessToken = String(t.body.access_token);

    await withImap(info, imap.tlsPort, { user: u.email, accessToken }, async (c) => {
      expect(c.secureConnection).toBe(true);
      expect(c.authenticated).toBe(true);
    }, { secure: true });
    // The same user still logs in with a password: two passdbs side by side.
    await withImap(info, imap.plainPort, { user: u.email, pass: u.password }, async (c) => expect(c.authenticated).toBe(true));
    const sent = await smtpTransport(info, { user: u.email, accessToken }, info.smtp.tlsPort).sendMail({ from: u.email, to: u.email, subject: 'oauth', text: 'x' });
    expect(sent.accepted).toEqual([u.email]);

    const [head, payload, sig] = String(t.body.id_token).split('.') as [string, string, string];
    const jwks = (await (await fetch(g.jwksUri)).json()) as { keys: Array<Record<string, unknown>> };
    const key = crypto.createPublicKey({ key: jwks.keys[0], format: 'jwk' } as crypto.JsonWebKeyInput);
    expect(crypto.verify('sha256', Buffer.from(`${head}.${payload}`), key, Buffer.from(sig, 'base64url'))).toBe(true);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: g.issuer, aud: g.clientId, email: u.email });
    const me = await fetch(g.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await me.json()).toMatchObject({ email: u.email });
  });

  it('rejects a wrong PKCE verifier, and gives Google no refresh token without access_type=offline', async () => {
    const u = await createUniqueMailUser(info, 'pkce');
    const g = info.oauth.google;
    const bad = await codeFlow(g, { loginHint: u.email, scope: 'openid email', verifierOverride: 'not-the-verifier' });
    expect(bad).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    const online = await codeFlow(g, { loginHint: u.email, scope: 'openid email' });
    expect(online.status).toBe(200);
    expect(online.body.refresh_token).toBeUndefined();
  });

  it('refreshes, then refuses a revoked refresh token with the provider\'s invalid_grant, and IMAP/SMTP refuse its access token', async () => {
    const u = await createUniqueMailUser(info, 'revoke');
    const g = info.oauth.google;
    const t = await issueTokens(info, { email: u.email, provider: 'google' });
    const r1 = await refresh(g, t.refresh_token ?? '');
    expect(r1.status).toBe(200);
    expect(r1.body.access_token).not.toBe(t.access_token);

    await revokeRefreshToken(info, t.refresh_token ?? '');
    const r2 = await refresh(g, t.refresh_token ?? '');
    expect(r2).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });

    const err = await imapLoginError(imap.plainPort, { user: u.email, accessToken: String(r1.body.access_token) });
    expect(err.authenticationFailed).toBe(true);
    const smtp = smtpTransport(info, { user: u.email, accessToken: String(r1.body.access_token) });
    await expect(smtp.sendMail({ from: u.email, to: u.email, subject: 'x', text: 'y' })).rejects.toMatchObject({ code: 'EAUTH', responseCode: 535 });
  });

  it('rotates Microsoft refresh tokens, needs offline_access for one, and "remove app access" kills every grant', async () => {
    const u = await createUniqueMailUser(info, 'ms');
    const m = info.oauth.microsoft;
    const noOffline = await codeFlow(m, { loginHint: u.email, scope: 'openid email https://outlook.office.com/IMAP.AccessAsUser.All' });
    expect(noOffline.body.refresh_token).toBeUndefined();
    const t = await codeFlow(m, { loginHint: u.email, scope: m.mailScopes.join(' ') });
    const r = await refresh(m, String(t.body.refresh_token));
    expect(r.status).toBe(200);
    expect(r.body.refresh_token).toBeDefined();
    expect(r.body.refresh_token).not.toBe(t.body.refresh_token);
    await withImap(info, imap.plainPort, { user: u.email, accessToken: String(r.body.access_token) }, async (c) => expect(c.authenticated).toBe(true));

    expect(await revokeAllGrants(info, u.email)).toBeGreaterThanOrEqual(1);
    const dead = await refresh(m, String(r.body.refresh_token));
    expect(dead.status).toBe(400);
    expect(dead.body.error_description).toMatch(/^AADSTS70000/);
  });

  it('refuses an expired access token at IMAP while the refresh token still works', async () => {
    const u = await createUniqueMailUser(info, 'expiry');
    const t = await issueTokens(info, { email: u.email, provider: 'google', accessTtlSeconds: 3600 });
    expect(await expireAccessTokens(info, u.email)).toBe(1);
    expect((await imapLoginError(imap.plainPort, { user: u.email, accessToken: t.access_token })).authenticationFailed).toBe(true);
    const r = await refresh(info.oauth.google, t.refresh_token ?? '');
    await withImap(info, imap.plainPort, { user: u.email, accessToken: String(r.body.access_token) }, async (c) => expect(c.authenticated).toBe(true));
  });

  it('refuses a token that names another mailbox user', async () => {
    const a = await createUniqueMailUser(info, 'owner');
    const b = await createUniqueMailUser(info, 'other');
    const t = await issueTokens(info, { email: a.email, provider: 'google' });
    expect((await imapLoginError(imap.plainPort, { user: b.email, accessToken: t.access_token })).authenticationFailed).toBe(true);
  });
});

describe('password change', () => {
  it('is refused by IMAP and SMTP with the servers\' real errors, and the new password works', async () => {
    const u = await createUniqueMailUser(info, 'pwchange');
    await setMailPassword(info, u.email, 'brand-new-password');
    const err = await imapLoginError(imap.plainPort, { user: u.email, pass: u.password });
    expect(err.authenticationFailed).toBe(true);
    expect(err.serverResponseCode).toBe('AUTHENTICATIONFAILED');
    expect(err.responseText).toMatch(/Authentication failed/);
    const smtp = smtpTransport(info, { user: u.email, pass: u.password });
    await expect(smtp.sendMail({ from: u.email, to: u.email, subject: 'x', text: 'y' })).rejects.toMatchObject({
      code: 'EAUTH',
      responseCode: 535,
    });
    await withImap(info, imap.plainPort, { user: u.email, pass: 'brand-new-password' }, async (c) => expect(c.authenticated).toBe(true));
    await expect(smtpTransport(info, { user: u.email, pass: 'brand-new-password' }).verify()).resolves.toBe(true);
  });
});
