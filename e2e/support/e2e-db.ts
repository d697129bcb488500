import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDb } from '../../db/client';

// The e2e run's database (written by e2e/global-setup.ts), for seeding through services and SQL.
export function e2eDb() {
  const file = process.env.E2E_STATE;
  if (!file) throw new Error('E2E_STATE is not set: run through playwright (global setup)');
  const state = JSON.parse(fs.readFileSync(file, 'utf8')) as { databaseUrl: string };
  return createDb(state.databaseUrl, { max: 2 });
}

export type DemoIds = { organizationId: string; repUserId: string; adminUserId: string; contactId: (email: string) => Promise<string> };

export async function demoIds(db: ReturnType<typeof e2eDb>['db']): Promise<DemoIds> {
  const [org] = await db.execute<{ id: string }>(sql`select id from organization where name = 'Northwind Demo'`);
  const [rep] = await db.execute<{ id: string }>(sql`select id from "user" where email = 'rep@demo.mailroom.test'`);
  const [admin] = await db.execute<{ id: string }>(sql`select id from "user" where email = 'admin@demo.mailroom.test'`);
  return {
    organizationId: org!.id,
    repUserId: rep!.id,
    adminUserId: admin!.id,
    contactId: async (email) => {
      const [c] = await db.execute<{ contact_id: string }>(sql`select contact_id from contact_email where organization_id = ${org!.id} and email = ${email}`);
      return c!.contact_id;
    },
  };
}
