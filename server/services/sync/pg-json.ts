import type postgres from 'postgres';

// json/jsonb parameters for raw postgres.js queries on a drizzle-owned client: drizzle installs a
// pass-through serializer for json/jsonb (OIDs 114/3802), so the value must already be JSON text.
export function pgJson(sql: postgres.Sql | postgres.TransactionSql, value: unknown): postgres.Parameter {
  return sql.json(JSON.stringify(value) as never) as postgres.Parameter;
}
