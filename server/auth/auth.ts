import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import Google from 'next-auth/providers/google';
import MicrosoftEntraID from 'next-auth/providers/microsoft-entra-id';
import { z } from 'zod';
import { env } from '@/server/env';
import { getDb } from '@/server/db';
import { findActor, findUserByEmail } from '@/db/queries/members';
import { verifyPassword } from '@/server/adapters/password-hash';

const credentialsInput = z.object({ email: z.string().trim().email().max(320), password: z.string().min(1).max(1024) });

// One message for unknown email and wrong password alike: no account enumeration (issue "Foundation").
class InvalidLogin extends CredentialsSignin {
  code = 'invalid_login';
}

function providers(): NextAuthConfig['providers'] {
  const e = env();
  const list: NextAuthConfig['providers'] = [
    Credentials({
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      async authorize(raw) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const db = await getDb();
        const user = await findUserByEmail(db, parsed.data.email);
        const ok = await verifyPassword(parsed.data.password, user?.passwordHash);
        if (!user || !ok) throw new InvalidLogin();
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ];
  if (e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET) {
    list.push(
      Google({
        clientId: e.AUTH_GOOGLE_ID,
        clientSecret: e.AUTH_GOOGLE_SECRET,
        ...(e.AUTH_GOOGLE_ISSUER ? { issuer: e.AUTH_GOOGLE_ISSUER.replace(/\/$/, '') } : {}),
      }),
    );
  }
  if (e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET) {
    const issuer = e.AUTH_MICROSOFT_ENTRA_ID_ISSUER?.replace(/\/$/, '');
    list.push(
      MicrosoftEntraID({
        clientId: e.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: e.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        ...(issuer ? { issuer } : {}),
        // The default profile() fetches a photo from Microsoft Graph, which a local test provider does not have.
        profile: (p: { sub: string; name?: string; email?: string; preferred_username?: string }) => ({
          id: p.sub,
          name: p.name ?? p.preferred_username ?? null,
          email: p.email ?? p.preferred_username ?? null,
        }),
      }),
    );
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET ?? 'mailroom-development-secret-never-used-in-production',
  trustHost: true,
  session: { strategy: 'jwt' },
  pages: { signIn: '/signin', error: '/signin' },
  providers: providers(),
  callbacks: {
    // Google/Microsoft sign-in only for people who already belong to an organization (invited by email).
    async signIn({ user, account }) {
      if (account?.provider === 'credentials') return true;
      if (!user.email) return false;
      const db = await getDb();
      const existing = await findUserByEmail(db, user.email);
      if (!existing || !(await findActor(db, existing.id))) return '/signin?error=NotMember';
      user.id = existing.id;
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
}));
