import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { ingestGuard, normalizeAddress, type IngestCandidate, type IngestGuardDecision } from '@/server/domain/retention/ingest-guard';

type Reader = Pick<Database, 'execute'>;

export type IngestGuardSets = { purgedMessageIds: Set<string>; suppressedAddresses: Set<string> };

// Loads what `ingestGuard` needs for one fetch batch of a mailbox: which of these Message-IDs were
// purged (PRODUCT #17, no resurrection) and the organization's suppressed addresses (erase by address).
// Call once per batch, then `ingestGuard(candidate, sets)` per message before inserting anything.
export async function loadIngestGuard(db: Reader, input: { organizationId: string; mailboxId: string; messageIds: readonly string[] }): Promise<IngestGuardSets> {
  const purgedMessageIds = new Set<string>();
  if (input.messageIds.length) {
    const ids = sql.join(input.messageIds.map((m) => sql`${m}`), sql`, `);
    const rows = await db.execute<{ message_id: string }>(sql`
      select message_id from purged_message_id
      where organization_id = ${input.organizationId} and mailbox_id = ${input.mailboxId} and message_id in (${ids})`);
    for (const r of rows) purgedMessageIds.add(r.message_id);
  }
  const sup = await db.execute<{ address: string }>(sql`select address from suppressed_address where organization_id = ${input.organizationId}`);
  return { purgedMessageIds, suppressedAddresses: new Set(sup.map((r) => normalizeAddress(r.address))) };
}

// One-message convenience over the two calls above.
export async function checkIngest(db: Reader, input: { organizationId: string; mailboxId: string; candidate: IngestCandidate }): Promise<IngestGuardDecision> {
  const sets = await loadIngestGuard(db, { organizationId: input.organizationId, mailboxId: input.mailboxId, messageIds: [input.candidate.messageId] });
  return ingestGuard(input.candidate, sets);
}
