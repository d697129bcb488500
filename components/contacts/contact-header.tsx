import Link from 'next/link';
import { Avatar } from '@/components/ui/states';

type Contact = { firstName: string; lastName: string; company: string | null; emails: { email: string; isPrimary: boolean }[] };

export function ContactHeader({ contact }: { contact: Contact }) {
  const name = `${contact.firstName} ${contact.lastName}`.trim() || contact.emails[0]?.email || 'Unnamed contact';
  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-slate-500">
        <Link href="/contacts" className="hover:text-slate-800">Contacts</Link> <span aria-hidden>/</span> <span className="text-slate-800">{name}</span>
      </nav>
      <div className="flex items-start gap-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <Avatar name={name} size="lg" />
        <div className="min-w-0 flex-1">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{name}</h1>
          {contact.company ? <p className="text-sm text-slate-600">{contact.company}</p> : null}
          <ul className="mt-2 flex flex-wrap gap-2" aria-label="Email addresses">
            {contact.emails.map((e) => (
              <li key={e.email} className="inline-flex items-center gap-1 rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700">
                {e.email}
                {e.isPrimary ? <span className="text-slate-400">· primary</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
