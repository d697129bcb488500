import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from './schema';

export type Database = ReturnType<typeof createDb>['db'];
export type Sql = postgres.Sql;

// The db is passed as a parameter everywhere (Midday's habit); nothing imports a global connection.
export function createDb(url: string, options: { max?: number } = {}) {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, types: { bigint: postgres.BigInt } });
  const db = drizzle(sql, { schema });
  return { db, sql };
}
