import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

export type LastRun = { rule: string; finishedAt: Date; removed: number; durationMs: number | null };

// The latest finished run of each retention rule, with what it removed in this organization only
// (runs are global jobs; each admin sees their own counts, PRODUCT #20).
export async function lastRetentionRuns(db: Database, organizationId: string): Promise<LastRun[]> {
  const rows = await db.execute<{ rule: string; finished_at: string; removed: number; duration_ms: number | null }>(sql`
    select distinct on (rule) rule, finished_at::text as finished_at,
      coalesce((details->'byOrg'->>${organizationId})::int, 0) as removed,
      (details->>'durationMs')::int as duration_ms
    from retention_run
    where finished_at is not null and rule <> 'erase'
    order by rule, finished_at desc, started_at desc`);
  return rows.map((r) => ({ rule: r.rule, finishedAt: new Date(r.finished_at), removed: Number(r.removed), durationMs: r.duration_ms == null ? null : Number(r.duration_ms) }));
}

// What is currently waiting for the purge in this organization (deleted, restorable engagements).
export async function pendingDeletedEngagements(db: Database, organizationId: string): Promise<number> {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from engagement where organization_id = ${organizationId} and deleted_at is not null and kind <> 'sequence'`);
  return Number(row?.n ?? 0);
}
