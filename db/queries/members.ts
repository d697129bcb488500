import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { memberships, organizations, users } from '@/db/schema';

export async function findUserByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`).limit(1);
  return row;
}

// The actor behind a request: the user's membership (first organization joined) and role.
export async function findActor(db: Database, userId: string) {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      organizationId: memberships.organizationId,
      organizationName: organizations.name,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(and(eq(memberships.userId, userId), sql`${organizations.deletedAt} is null`))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  return row;
}

export type Actor = NonNullable<Awaited<ReturnType<typeof findActor>>>;
