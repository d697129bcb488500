import type { ControlRoute } from './http-server';
import type { OAuthProvider } from './oauth-provider';
import { findUser, upsertUser } from './users';
import type { MailFlavour, OAuthProviderName } from './types';

// Mutations go through the process that owns the world so concurrent test workers never race on the
// passwd-files or on the provider's in-memory grants.
export function controlRoutes(deps: {
  stateDir: string;
  provider: OAuthProvider;
  autoFileSent: { all: boolean; users: Set<string> };
}): Record<string, ControlRoute> {
  const str = (v: unknown, name: string): string => {
    if (typeof v !== 'string' || v === '') throw new Error(`${name} is required`);
    return v;
  };
  const provider = (v: unknown): OAuthProviderName => {
    if (v !== 'google' && v !== 'microsoft') throw new Error('provider must be google or microsoft');
    return v;
  };
  return {
    'users/create': (b) => {
      const email = str(b.email, 'email').toLowerCase();
      const flavour = (b.flavour ?? 'special-use') as MailFlavour;
      if (findUser(deps.stateDir, email)) throw new Error(`user ${email} already exists`);
      upsertUser(deps.stateDir, flavour, email, str(b.password, 'password'));
      return { email, flavour };
    },
    'users/password': (b) => {
      const email = str(b.email, 'email').toLowerCase();
      const u = findUser(deps.stateDir, email);
      if (!u) throw new Error(`no user ${email}`);
      upsertUser(deps.stateDir, u.flavour, email, str(b.password, 'password'));
      return { email };
    },
    'oauth/issue': (b) => deps.provider.issue(provider(b.provider), str(b.email, 'email'), typeof b.accessTtlSeconds === 'number' ? b.accessTtlSeconds : undefined),
    'oauth/revoke': (b) => {
      deps.provider.revoke(str(b.token, 'token'));
      return { ok: true };
    },
    'oauth/revoke-user': (b) => ({ revoked: deps.provider.revokeUser(str(b.email, 'email')) }),
    'oauth/expire-access': (b) => ({ expired: deps.provider.expireAccessTokens(str(b.email, 'email')) }),
    'oauth/default-user': (b) => {
      deps.provider.defaultUser = str(b.email, 'email').toLowerCase();
      return { ok: true };
    },
    'smtp/auto-file-sent': (b) => {
      const enabled = b.enabled === true;
      if (typeof b.email === 'string') {
        if (enabled) deps.autoFileSent.users.add(b.email.toLowerCase());
        else deps.autoFileSent.users.delete(b.email.toLowerCase());
      } else deps.autoFileSent.all = enabled;
      return { ok: true };
    },
  };
}
