import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

type Tx = Pick<Database, 'execute'>;

// Deletes those of `candidateIds` that no attachment references any more (their chunks cascade). A
// blob another writer is attaching right now is row-locked by that insert's foreign-key check, so it
// is skipped (SKIP LOCKED) rather than deleted under it; a later purge catches it if it stays orphaned.
export async function deleteOrphanBlobs(tx: Tx, candidateIds: readonly string[]): Promise<number> {
  if (candidateIds.length === 0) return 0;
  const ids = sql.join(candidateIds.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await tx.execute<{ id: string }>(sql`
    with locked as (select id from blob where id in (${ids}) for update skip locked)
    delete from blob b using locked
    where b.id = locked.id and not exists (select 1 from attachment a where a.blob_id = b.id)
    returning b.id`);
  return rows.length;
}
