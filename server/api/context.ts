import { auth } from '@/server/auth/auth';
import { getDb } from '@/server/db';
import type { Context } from './trpc';

export async function createContext(headers: Headers): Promise<Context> {
  const session = await auth();
  return { db: await getDb(), userId: session?.user?.id ?? null, headers };
}
