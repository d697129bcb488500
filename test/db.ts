import { inject } from 'vitest';
import { createDb } from '../db/client';

// Integration tests share the run's Postgres; isolation comes from each test creating its own organization.
export function testDb() {
  return createDb(inject('databaseUrl'), { max: 5 });
}
