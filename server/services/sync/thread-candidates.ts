import type { Database } from '@/db/client';
import type { Address } from '@/db/schema';
import { normaliseSubject } from '@/server/domain/threads/normalise-subject';
import { threadIndexRoot } from '@/server/domain/threads/thread-index';
import { SUBJECT_MATCH_WINDOW_MS, type ThreadCandidate } from '@/server/domain/threads/reply-match';
import { normaliseAddress } from '@/server/domain/sync/participants';

// Recently active CRM threads for the reply-matching fallbacks (PRODUCT #7: Thread-Index, then
// subject + participants inside a window). Loaded once per sync pass, bounded.
export async function loadThreadCandidates(db: Database, organizationId: string, now: Date, limit = 500): Promise<ThreadCandidate[]> {
  const sql = db.$client;
  const since = new Date(now.getTime() - SUBJECT_MATCH_WINDOW_MS);
  const rows = await sql<{ thread_id: string; subject: string; from_address: string; to_addresses: Address[] | null; occurred_at: string }[]>`
    select thread_id, subject, from_address, to_addresses, occurred_at from engagement
    where organization_id = ${organizationId} and thread_id is not null and occurred_at > ${since.toISOString()} and deleted_at is null
    order by occurred_at desc limit ${limit * 4}`;
  const byThread = new Map<string, ThreadCandidate & { people: Set<string> }>();
  for (const r of rows) {
    let c = byThread.get(r.thread_id);
    if (!c) {
      if (byThread.size >= limit) continue;
      c = { threadId: r.thread_id, normalisedSubject: normaliseSubject(r.subject), participants: [], lastActivityAt: new Date(r.occurred_at), threadIndexRoot: null, people: new Set() };
      byThread.set(r.thread_id, c);
    }
    for (const a of [r.from_address, ...(r.to_addresses ?? []).map((t) => t.address)]) {
      const n = normaliseAddress(a);
      if (n) c.people.add(n);
    }
  }
  if (byThread.size > 0) {
    const idx = await sql<{ thread_id: string; thread_index: string }[]>`
      select distinct on (thread_id) thread_id, thread_index from message
      where organization_id = ${organizationId} and thread_id = any(${[...byThread.keys()]}) and thread_index is not null`;
    for (const r of idx) {
      const c = byThread.get(r.thread_id);
      if (c) c.threadIndexRoot = threadIndexRoot(r.thread_index);
    }
  }
  return [...byThread.values()].map(({ people, ...c }) => ({ ...c, participants: [...people] }));
}
