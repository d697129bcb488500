import { NextResponse, type NextRequest } from 'next/server';
import { auth } from '@/server/auth/auth';
import { getDb } from '@/server/db';
import { env } from '@/server/env';
import { AppError } from '@/server/app-error';
import { createLogger } from '@/server/logger';
import { completeMailboxOAuth } from '@/server/services/mailboxes/oauth-connect';
import { OAUTH_RESULT_COOKIE, type OAuthResultCookie } from '@/components/mailboxes/oauth-result';

// The provider's redirect back after "Connect with Google/Microsoft" (PRODUCT #2). The outcome travels to
// the settings page in a short-lived cookie, so no message text can be injected through the URL.
const logger = createLogger({ name: 'mailbox-oauth' });

export async function GET(req: NextRequest) {
  const appUrl = env().APP_URL.replace(/\/$/, '');
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return NextResponse.redirect(`${appUrl}/signin`);
  const q = req.nextUrl.searchParams;
  let result: OAuthResultCookie;
  try {
    const done = await completeMailboxOAuth(await getDb(), userId, {
      state: q.get('state') ?? '',
      code: q.get('code') ?? undefined,
      error: q.get('error') ?? undefined,
      redirectUri: `${appUrl}/api/mailbox-oauth/callback`,
      logger,
    });
    result = { ok: true, mailboxId: done.mailboxId, message: done.reconnected ? 'Mailbox reconnected.' : 'Mailbox connected.' };
  } catch (e) {
    if (!(e instanceof AppError)) logger.error({ err: { name: (e as Error).name, code: (e as { code?: unknown }).code } }, 'mailbox oauth callback failed');
    result = { ok: false, message: e instanceof AppError ? e.message : 'Something went wrong on our side. Please try again.' };
  }
  const res = NextResponse.redirect(`${appUrl}/settings/email`);
  res.cookies.set(OAUTH_RESULT_COOKIE, JSON.stringify(result), { httpOnly: true, sameSite: 'lax', path: '/settings', maxAge: 120 });
  return res;
}
