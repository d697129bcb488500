import { ContactList } from '@/components/contacts/contact-list';

export const metadata = { title: 'Contacts' };

export default function ContactsPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Contacts</h1>
        <p className="mt-1 text-sm text-slate-500">Everyone your team emails with. Open a contact to see their email timeline.</p>
      </div>
      <ContactList />
    </div>
  );
}
