import type { ReactNode } from 'react';
import { requireActor } from '@/server/auth/session';
import { NavLink } from '@/components/nav-link';

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="grid gap-8 md:grid-cols-[200px_1fr]">
      <aside>
        <h1 className="mb-4 text-2xl font-semibold tracking-tight">Settings</h1>
        <nav className="flex flex-col gap-1 text-sm" aria-label="Settings">
          <NavLink href="/settings/email" exact>Email</NavLink>
          <NavLink href="/settings/templates" exact>Templates</NavLink>
          <NavLink href="/settings/admin" exact>
            Account policy{actor.role !== 'admin' ? ' (view)' : ''}
          </NavLink>
        </nav>
      </aside>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
