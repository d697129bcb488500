import { requireActor } from '@/server/auth/session';
import { PolicySettings } from '@/components/policy/policy-settings';
import { RetentionPanel } from '@/components/admin/retention-panel';

export const metadata = { title: 'Account policy' };

// Admins edit, reps read (issue 7). The role is enforced by the policy procedures, not by this page.
export default async function AdminSettingsPage() {
  await requireActor();
  return <><PolicySettings /><RetentionPanel /></>;
}
