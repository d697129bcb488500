import { Card, EmptyState } from '@/components/ui/states';

export const metadata = { title: 'Email settings' };

export default function EmailSettingsPage() {
  return (
    <Card title="Connected inboxes">
      <EmptyState title="No inbox connected">Connect your mailbox to send email from the CRM and log replies on contact timelines.</EmptyState>
    </Card>
  );
}
