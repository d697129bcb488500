import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { neverLogRules, organizationPolicies } from '@/db/schema';
import { AppError, notFound } from '@/server/app-error';
import { normaliseDomainRule } from '@/server/domain/sync/never-log';
import { normaliseAddress } from '@/server/domain/sync/participants';
import { visibleEngagement } from '@/db/queries/timeline';

type Actor = { organizationId: string; userId: string; role: 'admin' | 'rep' };

export type PolicyPatch = { attachmentLoggingEnabled?: boolean; trustHtml?: boolean; sendLimitPerDay?: number; sendLimitPerMinute?: number };

function requireAdmin(actor: Actor) {
  // The server enforces the role even when a page hides the controls (issue 7 "Reps see these read-only").
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can change the account policy.');
}

// PRODUCT #9 (attachment logging), send limits, trust-HTML. Applies to mail logged from now on: nothing
// already logged is changed, which the admin page says next to the switch.
export async function updateOrganizationPolicy(db: Database, actor: Actor, patch: PolicyPatch): Promise<void> {
  requireAdmin(actor);
  if (patch.sendLimitPerDay !== undefined && patch.sendLimitPerMinute !== undefined && patch.sendLimitPerMinute > patch.sendLimitPerDay) {
    throw new AppError('BAD_INPUT', 'The per-minute limit cannot be above the daily limit.', { sendLimitPerMinute: 'Must not be above the daily limit.' });
  }
  const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return;
  const rows = await db
    .update(organizationPolicies)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(organizationPolicies.organizationId, actor.organizationId))
    .returning({ id: organizationPolicies.organizationId });
  if (rows.length === 0) throw notFound('Organization not found');
}

export type NewRule = { scope: 'organization' | 'personal'; kind: 'address' | 'domain'; value: string };

// Never-log list (issue 7): addresses or whole domains (subdomains included). Past mail is covered too:
// the timeline hides matching engagements at read time, so removing the rule brings them back.
export async function addNeverLogRule(db: Database, actor: Actor, input: NewRule): Promise<{ id: string; value: string; hiddenNow: number }> {
  if (input.scope === 'organization') requireAdmin(actor);
  const value = input.kind === 'domain' ? normaliseDomainRule(input.value) : normaliseAddress(input.value);
  if (!value || (input.kind === 'domain' && !value.includes('.')) || (input.kind === 'address' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value))) {
    throw new AppError('BAD_INPUT', 'That does not look like an email address or domain.', {
      value: input.kind === 'domain' ? 'Enter a domain such as example.com.' : 'Enter an address such as name@example.com.',
    });
  }
  const [row] = await db
    .insert(neverLogRules)
    .values({ organizationId: actor.organizationId, userId: input.scope === 'personal' ? actor.userId : null, kind: input.kind, value })
    .onConflictDoNothing()
    .returning({ id: neverLogRules.id });
  if (!row) throw new AppError('CONFLICT', `${value} is already on the never-log list.`, { value: 'Already on the list.' });
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from engagement e
    where e.organization_id = ${actor.organizationId} and e.deleted_at is null
      and not (${visibleEngagement(actor.organizationId)})`);
  return { id: row.id, value, hiddenNow: n };
}

// Removing a rule restores every entry it hid (nothing was deleted).
export async function removeNeverLogRule(db: Database, actor: Actor, input: { ruleId: string }): Promise<void> {
  const [rule] = await db
    .select({ id: neverLogRules.id, userId: neverLogRules.userId })
    .from(neverLogRules)
    .where(and(eq(neverLogRules.id, input.ruleId), eq(neverLogRules.organizationId, actor.organizationId)));
  // Someone else's personal rule is not ours to see: same answer as a missing one.
  if (!rule || (rule.userId && rule.userId !== actor.userId)) throw notFound('Rule not found');
  if (!rule.userId) requireAdmin(actor);
  await db.delete(neverLogRules).where(eq(neverLogRules.id, rule.id));
}
