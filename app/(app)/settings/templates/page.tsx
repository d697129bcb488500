import { requireActor } from '@/server/auth/session';
import { TemplatesManager } from '@/components/compose/templates-manager';
import { LoggingAddressCard } from '@/components/compose/logging-address-card';

export const metadata = { title: 'Templates' };

export default async function TemplatesPage() {
  await requireActor();
  return (
    <div className="space-y-6">
      <TemplatesManager />
      <LoggingAddressCard />
    </div>
  );
}
