import { redirect } from 'next/navigation';
import { auth } from '@/server/auth/auth';
import { env } from '@/server/env';
import { SignInForm } from './signin-form';
import { signInWithProvider } from './actions';

export const metadata = { title: 'Sign in' };

const errorText: Record<string, string> = {
  NotMember: 'That account is not a member of any organization here. Ask your admin to invite you.',
  CredentialsSignin: 'Wrong email or password.',
  OAuthSignin: 'Sign-in with that provider could not start. Try again.',
  OAuthCallbackError: 'The provider did not complete the sign-in. Try again.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if ((await auth())?.user) redirect('/contacts');
  const { error } = await searchParams;
  const e = env();
  const google = Boolean(e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET);
  const microsoft = Boolean(e.AUTH_MICROSOFT_ENTRA_ID_ID && e.AUTH_MICROSOFT_ENTRA_ID_SECRET);
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-11 w-11 items-center justify-center rounded-xl bg-brand-600 text-lg font-bold text-white shadow">M</div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign in to Mailroom</h1>
          <p className="mt-1 text-sm text-slate-500">Your CRM inbox: timelines, replies and email in one place.</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm initialError={error ? (errorText[error] ?? 'Sign-in failed. Try again.') : undefined} />
          {google || microsoft ? (
            <div className="mt-6 space-y-2 border-t border-slate-100 pt-6">
              {google ? (
                <form action={signInWithProvider.bind(null, 'google')}>
                  <button className="w-full rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Continue with Google</button>
                </form>
              ) : null}
              {microsoft ? (
                <form action={signInWithProvider.bind(null, 'microsoft-entra-id')}>
                  <button className="w-full rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">Continue with Microsoft</button>
                </form>
              ) : null}
            </div>
          ) : null}
        </div>
      </div>
    </main>
  );
}
