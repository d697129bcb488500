import type { Database } from '../db/client';
import { createCaller } from '../server/api/root';

// A tRPC caller acting as a given user: the same context path as a real request, minus HTTP.
export function callerFor(db: Database, userId: string | null) {
  return createCaller({ db, userId });
}
