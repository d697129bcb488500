import Link from 'next/link';
import { EmptyState } from '@/components/ui/states';

export default function ContactNotFound() {
  return (
    <EmptyState title="Contact not found">
      It may have been deleted, or it belongs to another organization.{' '}
      <Link href="/contacts" className="font-medium text-brand-700 hover:underline">
        Back to contacts
      </Link>
    </EmptyState>
  );
}
