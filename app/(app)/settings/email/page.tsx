import { cookies } from 'next/headers';
import { requireActor } from '@/server/auth/session';
import { mailNetworkPolicy } from '@/server/adapters/mail-network';
import { oauthAvailability } from '@/server/services/mailboxes/oauth-connect';
import { EmailSettings } from '@/components/mailboxes/email-settings';
import { OAUTH_RESULT_COOKIE, parseOAuthResult } from '@/components/mailboxes/oauth-result';

export const metadata = { title: 'Email settings' };
export const dynamic = 'force-dynamic';

// Settings → Email (issue 4). The server decides which ports/security the form may offer and whether
// the OAuth buttons are configured; the client never sees any secret.
export default async function EmailSettingsPage() {
  const actor = await requireActor();
  const policy = mailNetworkPolicy();
  const oauthResult = parseOAuthResult((await cookies()).get(OAUTH_RESULT_COOKIE)?.value);
  return (
    <div className="space-y-2">
      <div className="mb-4">
        <h2 className="text-lg font-semibold text-slate-900">Email</h2>
        <p className="text-sm text-slate-600">Connect the mailbox you send from. Replies to emails sent from the CRM are logged on the contact’s timeline.</p>
      </div>
      <EmailSettings
        oauthResult={oauthResult}
        extraAllowedPorts={[...policy.extraPorts]}
        allowInsecure={policy.allowInsecure}
        isAdmin={actor.role === 'admin'}
        providers={oauthAvailability()}
      />
    </div>
  );
}
