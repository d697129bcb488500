import { redirect } from 'next/navigation';
import { auth } from '@/server/auth/auth';
import { getDb } from '@/server/db';
import { findActor } from '@/db/queries/members';

// For server components: the signed-in actor, or a redirect to sign-in.
export async function requireActor() {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect('/signin');
  const actor = await findActor(await getDb(), userId);
  if (!actor) redirect('/signin?error=NotMember');
  return actor;
}
