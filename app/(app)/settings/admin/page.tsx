import { requireActor } from '@/server/auth/session';
import { Card, EmptyState } from '@/components/ui/states';

export const metadata = { title: 'Account policy' };

export default async function AdminSettingsPage() {
  const actor = await requireActor();
  if (actor.role !== 'admin') {
    return (
      <EmptyState title="Admins only">
        Account policy (attachment logging, never-log list, send limits) is managed by your organization&apos;s admins.
      </EmptyState>
    );
  }
  return (
    <Card title="Account policy">
      <p className="text-sm text-slate-600">Policies for {actor.organizationName}.</p>
    </Card>
  );
}
