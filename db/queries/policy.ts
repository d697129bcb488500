import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { neverLogRules, organizationPolicies, organizations } from '@/db/schema';

export type NeverLogRuleView = { id: string; kind: 'address' | 'domain'; value: string; scope: 'organization' | 'personal'; createdAt: Date };

export type PolicyView = {
  organizationName: string;
  bccAddress: string;
  attachmentLoggingEnabled: boolean;
  trustHtml: boolean;
  sendLimitPerDay: number;
  sendLimitPerMinute: number;
  updatedAt: Date;
  rules: NeverLogRuleView[];
};

// The account policy as the admin page shows it: organization rules plus this user's personal ones.
// The BCC logging address is `<logging_token>@<INBOUND_EMAIL_DOMAIN>` (the domain the inbound listener serves).
export async function getPolicyView(db: Database, organizationId: string, userId: string, inboundDomain: string): Promise<PolicyView | undefined> {
  const [row] = await db
    .select({
      organizationName: organizations.name,
      domain: organizations.domain,
      loggingToken: organizations.loggingToken,
      attachmentLoggingEnabled: organizationPolicies.attachmentLoggingEnabled,
      trustHtml: organizationPolicies.trustHtml,
      sendLimitPerDay: organizationPolicies.sendLimitPerDay,
      sendLimitPerMinute: organizationPolicies.sendLimitPerMinute,
      updatedAt: organizationPolicies.updatedAt,
    })
    .from(organizations)
    .innerJoin(organizationPolicies, eq(organizationPolicies.organizationId, organizations.id))
    .where(eq(organizations.id, organizationId));
  if (!row) return undefined;
  const rules = await db
    .select({ id: neverLogRules.id, kind: neverLogRules.kind, value: neverLogRules.value, userId: neverLogRules.userId, createdAt: neverLogRules.createdAt })
    .from(neverLogRules)
    .where(and(eq(neverLogRules.organizationId, organizationId), or(isNull(neverLogRules.userId), eq(neverLogRules.userId, userId))))
    .orderBy(sql`${neverLogRules.userId} is not null`, asc(neverLogRules.kind), asc(neverLogRules.value));
  const { domain: _orgDomain, loggingToken, ...rest } = row;
  return {
    ...rest,
    bccAddress: `${loggingToken}@${inboundDomain}`,
    rules: rules.map((r) => ({ id: r.id, kind: r.kind, value: r.value, scope: r.userId ? 'personal' : 'organization', createdAt: r.createdAt })),
  };
}

// Trust-HTML flag alone, read on every body render.
export async function getTrustHtml(db: Database, organizationId: string): Promise<boolean> {
  const [row] = await db.select({ trustHtml: organizationPolicies.trustHtml }).from(organizationPolicies).where(eq(organizationPolicies.organizationId, organizationId));
  return row?.trustHtml ?? false;
}
