import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { contactEmails, contacts, templates } from '@/db/schema';
import { AppError } from '@/server/app-error';
import { checkTemplate, renderMergeFields, type MergeData } from '@/server/domain/send/merge-fields';
import { cleanComposerHtml } from './compose-html';

// Templates (issue 6, PRODUCT #11: the way to send the same content to different contacts): private to
// their owner or shared with the organization; only the owner edits or deletes.

export type TemplateActor = { userId: string; name: string | null; email: string; organizationId: string };
export type TemplateInput = { name: string; subject: string; bodyHtml: string; shared: boolean };
export type TemplateView = { id: string; name: string; subject: string; bodyHtml: string; shared: boolean; mine: boolean; ownerUserId: string; updatedAt: Date };

const visible = (actor: TemplateActor) => and(eq(templates.organizationId, actor.organizationId), or(eq(templates.ownerUserId, actor.userId), eq(templates.shared, true)));
const view = (actor: TemplateActor) => (t: typeof templates.$inferSelect): TemplateView => ({
  id: t.id,
  name: t.name,
  subject: t.subject,
  bodyHtml: t.bodyHtml,
  shared: t.shared,
  mine: t.ownerUserId === actor.userId,
  ownerUserId: t.ownerUserId,
  updatedAt: t.updatedAt,
});

// Issue 6: unknown merge fields are refused when saving, with the list of fields that exist.
function validate(input: TemplateInput): TemplateInput {
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  if (!name) fields.name = 'Give the template a name.';
  if (/[\r\n]/.test(input.subject)) fields.subject = 'The subject cannot contain line breaks.';
  for (const [key, text] of [['subject', input.subject], ['bodyHtml', input.bodyHtml]] as const) {
    const c = checkTemplate(text);
    if (!c.ok) fields[key] ??= c.message;
  }
  if (Object.keys(fields).length) throw new AppError('BAD_INPUT', Object.values(fields)[0]!, fields);
  return { name, subject: input.subject.trim(), bodyHtml: cleanComposerHtml(input.bodyHtml), shared: input.shared };
}

export async function listTemplates(db: Database, actor: TemplateActor): Promise<TemplateView[]> {
  const rows = await db.select().from(templates).where(visible(actor)).orderBy(asc(templates.name), asc(templates.id));
  return rows.map(view(actor));
}

export async function getTemplate(db: Database, actor: TemplateActor, id: string): Promise<TemplateView> {
  const [row] = await db.select().from(templates).where(and(eq(templates.id, id), visible(actor))).limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'Template not found.');
  return view(actor)(row);
}

export async function createTemplate(db: Database, actor: TemplateActor, input: TemplateInput): Promise<TemplateView> {
  const v = validate(input);
  const [row] = await db.insert(templates).values({ organizationId: actor.organizationId, ownerUserId: actor.userId, ...v }).returning();
  return view(actor)(row!);
}

async function owned(db: Database, actor: TemplateActor, id: string) {
  const t = await getTemplate(db, actor, id);
  if (!t.mine) throw new AppError('FORBIDDEN', 'Only the person who created this template can change it.');
  return t;
}

export async function updateTemplate(db: Database, actor: TemplateActor, id: string, input: TemplateInput): Promise<TemplateView> {
  await owned(db, actor, id);
  const v = validate(input);
  const [row] = await db
    .update(templates)
    .set({ ...v, updatedAt: new Date() })
    .where(and(eq(templates.id, id), eq(templates.organizationId, actor.organizationId)))
    .returning();
  return view(actor)(row!);
}

export async function deleteTemplate(db: Database, actor: TemplateActor, id: string): Promise<void> {
  await owned(db, actor, id);
  await db.delete(templates).where(and(eq(templates.id, id), eq(templates.organizationId, actor.organizationId)));
}

export type RenderedTemplate = { subject: string; bodyHtml: string; usedFallbacks: string[]; missing: string[] };

// Issue 6 "preview with the real contact before sending": merge a template (or a draft) for one contact.
export async function renderForContact(
  db: Database,
  actor: TemplateActor,
  o: { contactId: string; subject: string; bodyHtml: string; to?: string | null; senderEmail?: string | null },
): Promise<RenderedTemplate> {
  const [contact] = await db.select().from(contacts).where(and(eq(contacts.id, o.contactId), eq(contacts.organizationId, actor.organizationId))).limit(1);
  if (!contact || contact.deletedAt) throw new AppError('NOT_FOUND', 'Contact not found.');
  const [email] = await db
    .select({ email: contactEmails.email })
    .from(contactEmails)
    .where(and(eq(contactEmails.contactId, contact.id), eq(contactEmails.organizationId, actor.organizationId)))
    .orderBy(desc(contactEmails.isPrimary))
    .limit(1);
  const data: MergeData = {
    contact: { firstName: contact.firstName, lastName: contact.lastName, company: contact.company, email: o.to ?? email?.email ?? null },
    sender: { name: actor.name, email: o.senderEmail ?? actor.email },
  };
  const subject = renderMergeFields(o.subject, data, 'header');
  const body = renderMergeFields(o.bodyHtml, data, 'html');
  const fields: Record<string, string> = {};
  if (!subject.ok) fields.subject = subject.message;
  if (!body.ok) fields.body = body.message;
  if (!subject.ok || !body.ok) throw new AppError('BAD_INPUT', Object.values(fields)[0]!, fields);
  return {
    subject: subject.rendered,
    bodyHtml: cleanComposerHtml(body.rendered),
    usedFallbacks: [...new Set([...subject.usedFallbacks, ...body.usedFallbacks])],
    missing: [...new Set([...subject.missing, ...body.missing])],
  };
}
