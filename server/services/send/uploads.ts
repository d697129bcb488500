import { Readable, Transform } from 'node:stream';
import type { Database } from '@/db/client';
import { attachments } from '@/db/schema';
import { AppError } from '@/server/app-error';
import { putBlob } from '@/server/adapters/blob-store-pg';
import { DEFAULT_MESSAGE_LIMITS } from '@/server/domain/send/message-validation';

// Composer uploads (issue 6): streamed into the blob store (stored once per content hash), refused past
// the per-email limit while streaming, so a 30 MB upload never sits in memory or in the database.

export const MAX_UPLOAD_BYTES = DEFAULT_MESSAGE_LIMITS.maxAttachmentBytes;

export class UploadTooLargeError extends AppError {
  constructor(limit: number) {
    super('BAD_INPUT', `This file is larger than ${Math.round(limit / 1024 / 1024)} MB, the most an email can carry. Share a link to it instead.`, { file: 'File too large.' });
  }
}

function limiter(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > limit) cb(new UploadTooLargeError(limit));
      else cb(null, chunk);
    },
  });
}

const SAFE_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069/\\]/gu;

export async function storeUpload(
  db: Database,
  actor: { organizationId: string; userId: string },
  file: { filename: string; mimeType: string; declaredSize?: number | null; body: Readable },
  limit = MAX_UPLOAD_BYTES,
) {
  if (file.declaredSize != null && file.declaredSize > limit) throw new UploadTooLargeError(limit);
  const filename = file.filename.replace(SAFE_NAME, '_').trim().slice(0, 255) || 'attachment';
  const mimeType = /^[\w.+-]+\/[\w.+-]+$/.test(file.mimeType) ? file.mimeType.toLowerCase() : 'application/octet-stream';
  const guarded = file.body.pipe(limiter(limit));
  file.body.on('error', (e) => guarded.destroy(e));
  const blob = await putBlob(db, actor.organizationId, guarded);
  const [row] = await db
    .insert(attachments)
    .values({ organizationId: actor.organizationId, blobId: blob.blobId, filename, mimeType, size: blob.size, uploadedByUserId: actor.userId })
    .returning({ id: attachments.id, filename: attachments.filename, mimeType: attachments.mimeType, size: attachments.size });
  return row!;
}
