import { Readable } from 'node:stream';
import { z } from 'zod';
import { auth } from '@/server/auth/auth';
import { getDb } from '@/server/db';
import { findActor } from '@/db/queries/members';
import { getDownloadableAttachment } from '@/db/queries/timeline';
import { readBlob } from '@/server/adapters/blob-store-pg';
import { verifyAttachmentToken } from '@/server/adapters/attachment-token';

// Attachment downloads (issue 7, PRODUCT #20): members of the owning organization only, or a signed inline
// URL issued to a member for a `cid:` image in an email frame (opaque origin: no cookies). Files are
// always downloads; only safe raster images are ever shown inline. Another organization's id: 404.

const SAFE_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "sandbox; default-src 'none'",
  'Cache-Control': 'private, max-age=300',
  'Referrer-Policy': 'no-referrer',
};

function notFound() {
  return new Response('Not found', { status: 404, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function contentDisposition(kind: 'attachment' | 'inline', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_').slice(0, 150) || 'download';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename.slice(0, 200))}`;
}

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) return notFound();
  const url = new URL(req.url);
  const wantsInline = url.searchParams.get('inline') === '1';
  const token = url.searchParams.get('t');
  const tokenOrg = url.searchParams.get('o');
  const db = await getDb();

  let organizationId: string | null;
  let viaToken = false;
  if (token && tokenOrg && z.uuid().safeParse(tokenOrg).success && verifyAttachmentToken(token, tokenOrg, id)) {
    organizationId = tokenOrg;
    viaToken = true;
  } else {
    const session = await auth();
    const userId = session?.user?.id;
    if (!userId) return new Response('Please sign in.', { status: 401, headers: { ...baseHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
    organizationId = (await findActor(db, userId))?.organizationId ?? null;
  }
  if (!organizationId) return notFound();

  const att = await getDownloadableAttachment(db, organizationId, id);
  if (!att) return notFound();
  const mime = att.mimeType.toLowerCase().split(';')[0]!.trim();
  const inline = wantsInline && SAFE_INLINE.has(mime);
  let stream: Readable;
  try {
    stream = await readBlob(db, organizationId, att.blobId);
  } catch {
    return notFound();
  }
  return new Response(Readable.toWeb(stream) as ReadableStream, {
    status: 200,
    headers: {
      ...baseHeaders,
      // The email frame has an opaque origin, so signed inline images must be loadable cross-origin.
      'Cross-Origin-Resource-Policy': viaToken ? 'cross-origin' : 'same-origin',
      'Content-Type': inline ? mime : /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mime) ? mime : 'application/octet-stream',
      'Content-Length': String(att.size),
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', att.filename),
    },
  });
}
