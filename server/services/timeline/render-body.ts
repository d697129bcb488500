import type { Database } from '@/db/client';
import { getEngagementDetail, listInlineParts } from '@/db/queries/timeline';
import { getTrustHtml } from '@/db/queries/policy';
import { inlineAttachmentUrl } from '@/server/adapters/attachment-token';
import { emailFrameDocument, htmlToPlainText, sanitizeEmailHtml } from '@/server/adapters/html-sanitize';
import { notFound } from '@/server/app-error';

export type RenderedBody =
  | { mode: 'removed'; reason: string; hasHtml: false }
  | { mode: 'text'; text: string; hasHtml: boolean }
  | { mode: 'html'; srcdoc: string; blockedImages: number; truncated: boolean; quoteCollapsed: boolean; imagesLoaded: boolean };

// The one rendering path for mail content (issue 7): plain text by default; HTML when asked for, or by
// default when the organization trusts HTML, always sanitised here and framed by the client.
export async function renderEngagementBody(
  db: Database,
  organizationId: string,
  input: { engagementId: string; mode: 'auto' | 'text' | 'html'; loadImages: boolean; appOrigin: string },
): Promise<RenderedBody> {
  const e = await getEngagementDetail(db, organizationId, input.engagementId);
  if (!e) throw notFound('Email not found');
  if (e.bodyRemovedReason || (e.bodyText === null && e.bodyHtml === null)) {
    return { mode: 'removed', reason: e.bodyRemovedReason ?? 'This email was logged without its body.', hasHtml: false };
  }
  const wantHtml = e.bodyHtml !== null && (input.mode === 'html' || (input.mode === 'auto' && ((await getTrustHtml(db, organizationId)) || e.bodyText === null)));
  if (!wantHtml || e.bodyHtml === null) {
    return { mode: 'text', text: e.bodyText ?? htmlToPlainText(e.bodyHtml ?? ''), hasHtml: e.bodyHtml !== null };
  }
  const parts = await listInlineParts(db, organizationId, e.id);
  const byCid = new Map(parts.map((p) => [p.contentId.replace(/^<|>$/g, '').toLowerCase(), p.id]));
  const clean = sanitizeEmailHtml(e.bodyHtml, {
    loadImages: input.loadImages,
    resolveCid: (cid) => {
      const id = byCid.get(cid.toLowerCase());
      return id ? inlineAttachmentUrl(input.appOrigin, organizationId, id) : null;
    },
  });
  return {
    mode: 'html',
    srcdoc: emailFrameDocument(clean.html, input.appOrigin, input.loadImages),
    blockedImages: clean.blockedImages,
    truncated: clean.truncated,
    quoteCollapsed: clean.quoteCollapsed,
    imagesLoaded: input.loadImages,
  };
}
