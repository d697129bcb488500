import http from 'node:http';
import { OAuthError, type OAuthProvider } from './oauth-provider';
import type { OAuthProviderName } from './types';

// One HTTP listener for the OAuth provider (`/google/*`, `/microsoft/*`, `/introspect`) and the test-control
// API (`/control/*`), which helpers in other processes (vitest workers, the CLI) call with MailWorldInfo.

export type ControlRoute = (body: Record<string, unknown>) => Promise<unknown> | unknown;

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  // An explicit length (not chunked): Dovecot's HTTP client otherwise waits seconds for the body to end.
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function basicAuth(req: http.IncomingMessage): { id: string; secret: string } | undefined {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return undefined;
  const raw = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const i = raw.indexOf(':');
  return { id: decodeURIComponent(raw.slice(0, i)), secret: decodeURIComponent(raw.slice(i + 1)) };
}

function bearer(req: http.IncomingMessage): string {
  const h = req.headers.authorization ?? '';
  return h.startsWith('Bearer ') ? h.slice(7) : '';
}

export function createWorldHttpServer(provider: OAuthProvider, control: Record<string, ControlRoute>, log: (m: string) => void): http.Server {
  return http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const parts = url.pathname.split('/').filter(Boolean);
      try {
        if (parts[0] === 'control') {
          const route = control[parts.slice(1).join('/')];
          if (!route || req.method !== 'POST') return send(res, 404, { error: 'not_found' });
          const text = await readBody(req);
          return send(res, 200, (await route(text ? (JSON.parse(text) as Record<string, unknown>) : {})) ?? { ok: true });
        }
        if (parts[0] === 'introspect' && req.method === 'POST') {
          return send(res, 200, provider.introspect(new URLSearchParams(await readBody(req)).get('token') ?? ''));
        }
        const p = parts[0];
        if (p !== 'google' && p !== 'microsoft') return send(res, 404, { error: 'not_found' });
        const prov: OAuthProviderName = p;
        const action = parts.slice(1).join('/');
        if (action === '.well-known/openid-configuration') return send(res, 200, provider.discovery(prov));
        if (action === 'jwks') return send(res, 200, provider.jwks());
        if (action === 'authorize' && req.method === 'GET') {
          res.writeHead(302, { location: provider.authorize(prov, url.searchParams) });
          return res.end();
        }
        if (action === 'token' && req.method === 'POST') {
          return send(res, 200, provider.token(prov, new URLSearchParams(await readBody(req)), basicAuth(req)));
        }
        if (action === 'revoke' && req.method === 'POST') {
          const body = new URLSearchParams(await readBody(req));
          provider.revoke(body.get('token') ?? url.searchParams.get('token') ?? '');
          return send(res, 200, {});
        }
        if (action === 'introspect' && req.method === 'POST') {
          return send(res, 200, provider.introspect(new URLSearchParams(await readBody(req)).get('token') ?? ''));
        }
        if (action === 'userinfo') {
          const info = provider.userinfo(bearer(req));
          if (!info) return send(res, 401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
          return send(res, 200, info);
        }
        return send(res, 404, { error: 'not_found' });
      } catch (e) {
        if (e instanceof OAuthError) return send(res, e.status, { error: e.error, error_description: e.description });
        log(`mail world http error on ${url.pathname}: ${(e as Error).message}`);
        return send(res, 500, { error: 'server_error', error_description: (e as Error).message });
      }
    })();
  });
}
