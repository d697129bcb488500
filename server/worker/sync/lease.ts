import type { Sql } from '@/db/client';

// Mailbox leases in Postgres (issue 5 "Many workers"): a worker owns a mailbox while its lease is
// fresh; heartbeats extend it; an expired lease (dead worker, kill -9) is claimed by another worker.
// FOR UPDATE SKIP LOCKED makes concurrent claims pick disjoint mailboxes.

export type Claimed = { id: string; organizationId: string };

export async function claimMailboxes(sql: Sql, workerId: string, limit: number, leaseMs: number, onlyOrganizations?: readonly string[]): Promise<Claimed[]> {
  if (limit <= 0) return [];
  const scope = onlyOrganizations?.length ? sql`and organization_id = any(${[...onlyOrganizations]})` : sql``;
  const rows = await sql<{ id: string; organization_id: string }[]>`
    update mailbox m set lease_owner = ${workerId}, lease_expires_at = now() + ${leaseMs} * interval '1 millisecond'
    where m.id in (
      select id from mailbox
      where removed_at is null and credentials is not null and status <> 'disconnected'
        and (lease_expires_at is null or lease_expires_at < now())
        and (retry_at is null or retry_at <= now()) ${scope}
      order by last_synced_at nulls first, id
      limit ${limit}
      for update skip locked)
    returning m.id, m.organization_id`;
  return rows.map((r) => ({ id: r.id, organizationId: r.organization_id }));
}

// Extends the leases this worker still holds; returns the ids it still owns (the rest were lost).
export async function renewLeases(sql: Sql, workerId: string, ids: string[], leaseMs: number): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: string }[]>`
    update mailbox set lease_expires_at = now() + ${leaseMs} * interval '1 millisecond'
    where id = any(${ids}) and lease_owner = ${workerId} and lease_expires_at > now()
    returning id`;
  return new Set(rows.map((r) => r.id));
}

export async function releaseLease(sql: Sql, workerId: string, id: string, retryAfterMs = 0): Promise<void> {
  await sql`
    update mailbox set lease_owner = null, lease_expires_at = null,
      retry_at = case when ${retryAfterMs} > 0 then greatest(coalesce(retry_at, now()), now() + ${retryAfterMs} * interval '1 millisecond') else retry_at end
    where id = ${id} and lease_owner = ${workerId}`;
}
