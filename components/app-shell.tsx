import Link from 'next/link';
import type { ReactNode } from 'react';
import { Avatar } from '@/components/ui/states';
import { NavLink } from '@/components/nav-link';

type ShellUser = { name: string | null; email: string; organizationName: string; role: 'admin' | 'rep' };

export function AppShell({ user, signOut, children, banner }: { user: ShellUser; signOut: () => Promise<void>; children: ReactNode; banner?: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-6">
          <Link href="/contacts" className="flex items-center gap-2 font-semibold text-slate-900">
            <span className="flex h-7 w-7 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">M</span>
            Mailroom
          </Link>
          <nav className="flex items-center gap-1 text-sm" aria-label="Main">
            <NavLink href="/contacts">Contacts</NavLink>
            <NavLink href="/settings/email">Settings</NavLink>
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <div className="text-right leading-tight">
              <p className="text-sm font-medium text-slate-900" data-testid="signed-in-user">{user.name ?? user.email}</p>
              <p className="text-xs text-slate-500">
                {user.organizationName} · {user.role === 'admin' ? 'Admin' : 'Rep'}
              </p>
            </div>
            <Avatar name={user.name ?? user.email} size="sm" />
            <form action={signOut}>
              <button className="rounded-md px-2.5 py-1.5 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      {banner}
      <main className="mx-auto max-w-6xl px-6 py-8">{children}</main>
    </div>
  );
}
