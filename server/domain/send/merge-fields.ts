// Issue 6 templates: merge fields such as {{contact.firstName}} and {{contact.firstName | "there"}}.

export const mergeFieldNames = [
  'contact.firstName',
  'contact.lastName',
  'contact.company',
  'contact.email',
  'sender.name',
  'sender.email',
] as const;
export type MergeFieldName = (typeof mergeFieldNames)[number];

export type MergeData = {
  contact: { firstName?: string | null; lastName?: string | null; company?: string | null; email?: string | null };
  sender: { name?: string | null; email?: string | null };
};

/**
 * html: values are HTML-escaped. text: values as they are. header: line breaks and control
 * characters become spaces, so a contact's company cannot inject a header into the subject.
 */
export type MergeContext = 'html' | 'text' | 'header';

export type MergeResult =
  | { ok: true; rendered: string; usedFallbacks: MergeFieldName[]; missing: MergeFieldName[] }
  | { ok: false; unknownFields: string[]; malformed: string[]; message: string };

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;
const INNER = /^\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*(?:\|\s*(?:"([^"]*)"|'([^']*)')\s*)?$/;

const KNOWN = new Set<string>(mergeFieldNames);

function lookup(data: MergeData, field: MergeFieldName): string | null | undefined {
  const [group, key] = field.split('.') as ['contact' | 'sender', string];
  return (data[group] as Record<string, string | null | undefined>)[key];
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function forContext(value: string, context: MergeContext): string {
  if (context === 'html') return escapeHtml(value);
  if (context === 'header') return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
  return value;
}

// Issue 6: list the fields a template uses, or the unknown/malformed ones; used when saving a template.
export function checkTemplate(template: string): { ok: true; fields: MergeFieldName[] } | { ok: false; unknownFields: string[]; malformed: string[]; message: string } {
  const fields: MergeFieldName[] = [];
  const unknownFields: string[] = [];
  const malformed: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) {
    const inner = INNER.exec(match[1] ?? '');
    if (!inner) malformed.push(match[0]);
    else if (!KNOWN.has(inner[1] ?? '')) unknownFields.push(inner[1] ?? '');
    else fields.push(inner[1] as MergeFieldName);
  }
  // An opening "{{" with no closing "}}" is a typo the user should see, not literal text.
  const stray = template.replace(PLACEHOLDER, '').indexOf('{{');
  if (stray !== -1) malformed.push(template.slice(stray, stray + 30));
  if (unknownFields.length === 0 && malformed.length === 0) return { ok: true, fields: unique(fields) };
  return { ok: false, unknownFields: unique(unknownFields), malformed, message: problemMessage(unique(unknownFields), malformed) };
}

function problemMessage(unknownFields: string[], malformed: string[]): string {
  const parts: string[] = [];
  if (unknownFields.length > 0) {
    parts.push(`Unknown merge field${unknownFields.length > 1 ? 's' : ''}: ${unknownFields.map((f) => `{{${f}}}`).join(', ')}. Available: ${mergeFieldNames.map((f) => `{{${f}}}`).join(', ')}.`);
  }
  if (malformed.length > 0) parts.push(`Check the spelling of: ${malformed.join(', ')} (fallbacks look like {{contact.firstName | "there"}}).`);
  return parts.join(' ');
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

// Issue 6: render a template for one contact; empty values use the fallback, or are reported as missing.
export function renderMergeFields(template: string, data: MergeData, context: MergeContext): MergeResult {
  const check = checkTemplate(template);
  if (!check.ok) return check;
  const usedFallbacks: MergeFieldName[] = [];
  const missing: MergeFieldName[] = [];
  const rendered = template.replace(PLACEHOLDER, (_whole, innerText: string) => {
    const inner = INNER.exec(innerText);
    const field = inner?.[1] as MergeFieldName;
    const fallback = inner?.[2] ?? inner?.[3];
    const value = lookup(data, field)?.trim();
    if (value) return forContext(value, context);
    if (fallback !== undefined) {
      usedFallbacks.push(field);
      return forContext(fallback, context);
    }
    missing.push(field);
    return '';
  });
  return { ok: true, rendered, usedFallbacks: unique(usedFallbacks), missing: unique(missing) };
}
