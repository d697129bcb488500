import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { auth } from '@/server/auth/auth';
import { getDb } from '@/server/db';
import { findActor } from '@/db/queries/members';
import { AppError } from '@/server/app-error';
import { MAX_UPLOAD_BYTES, storeUpload } from '@/server/services/send/uploads';

// Composer attachment upload (issue 6): the raw file body streams into the blob store, scoped to the
// signed-in member's organization. The custom header makes a cross-site form post impossible (CSRF).

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

export async function POST(req: Request) {
  if (req.headers.get('x-mailroom-upload') !== '1') return json(400, { error: 'Missing upload header.' });
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return json(401, { error: 'Please sign in.' });
  const db = await getDb();
  const actor = await findActor(db, userId);
  if (!actor) return json(403, { error: 'You are not a member of any organization.' });
  if (!req.body) return json(400, { error: 'The file is empty.' });

  const declared = Number(req.headers.get('content-length') ?? NaN);
  let filename = 'attachment';
  try {
    filename = decodeURIComponent(req.headers.get('x-filename') ?? 'attachment');
  } catch {}
  try {
    const row = await storeUpload(
      db,
      { organizationId: actor.organizationId, userId },
      {
        filename,
        mimeType: req.headers.get('content-type') ?? 'application/octet-stream',
        declaredSize: Number.isFinite(declared) ? declared : null,
        body: Readable.fromWeb(req.body as unknown as WebReadableStream<Uint8Array>),
      },
    );
    return json(201, { id: row.id, filename: row.filename, mimeType: row.mimeType, size: Number(row.size), maxBytes: MAX_UPLOAD_BYTES });
  } catch (err) {
    if (err instanceof AppError) return json(err.code === 'BAD_INPUT' ? 413 : 400, { error: err.message, maxBytes: MAX_UPLOAD_BYTES });
    throw err;
  }
}
