'use server';
import { AuthError } from 'next-auth';
import { signIn } from '@/server/auth/auth';

export type SignInState = { error?: string; email?: string };

export async function signInWithPassword(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get('email') ?? '').slice(0, 320);
  try {
    await signIn('credentials', { email, password: String(form.get('password') ?? ''), redirectTo: '/contacts' });
    return {};
  } catch (err) {
    // Same words whether the email exists or not: no account enumeration.
    if (err instanceof AuthError) return { error: 'Wrong email or password.', email };
    throw err;
  }
}

export async function signInWithProvider(provider: 'google' | 'microsoft-entra-id') {
  await signIn(provider, { redirectTo: '/contacts' });
}
