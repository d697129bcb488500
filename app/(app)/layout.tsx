import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { Providers } from '@/components/trpc-provider';
import { requireActor } from '@/server/auth/session';
import { signOutAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return (
    <Providers>
      <AppShell user={actor} signOut={signOutAction}>
        {children}
      </AppShell>
    </Providers>
  );
}
