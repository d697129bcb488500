import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

// BlobStore port, default adapter: bytes live in Postgres (`blob` + `blob_chunk`), so every web and
// worker machine shares attachments with no extra infrastructure (issue 5 "Attachments").
// Content-hash deduplicated per organization; written and read in 256 KB chunks, never as one
// 50 MB buffer (PRODUCT #9).

export const BLOB_CHUNK_BYTES = 256 * 1024;

export type PutBlobResult = { blobId: string; sha256: string; size: number; deduplicated: boolean };

export class BlobNotFoundError extends Error {
  constructor(readonly blobId: string) {
    super('blob not found');
  }
}

type Row = { id: string; complete: boolean; size: number | string | bigint };

async function findBySha(db: Database, orgId: string, sha256: string): Promise<Row | undefined> {
  const rows = await db.execute<Row>(sql`select id, complete, size from blob where organization_id = ${orgId} and sha256 = ${sha256}`);
  return rows[0];
}

async function* chunksOf(input: Readable | Buffer | Uint8Array): AsyncGenerator<Buffer> {
  if (Buffer.isBuffer(input) || input instanceof Uint8Array) {
    const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    for (let o = 0; o < buf.length; o += BLOB_CHUNK_BYTES) yield buf.subarray(o, o + BLOB_CHUNK_BYTES);
    return;
  }
  // Re-chunk whatever the stream gives into exact 256 KB pieces (the last one shorter).
  let pending: Buffer[] = [];
  let pendingLen = 0;
  for await (const part of input) {
    let b: Buffer = typeof part === 'string' ? Buffer.from(part) : Buffer.from(part as Uint8Array);
    while (b.length > 0) {
      const take = Math.min(BLOB_CHUNK_BYTES - pendingLen, b.length);
      pending.push(b.subarray(0, take));
      pendingLen += take;
      b = b.subarray(take);
      if (pendingLen === BLOB_CHUNK_BYTES) {
        yield Buffer.concat(pending, pendingLen);
        pending = [];
        pendingLen = 0;
      }
    }
  }
  if (pendingLen > 0) yield Buffer.concat(pending, pendingLen);
}

// Stores bytes once per organization and content hash. A buffer whose hash is already stored costs one
// lookup; a stream is written under a placeholder hash first (its hash is known only at the end), then
// either claims its hash or is dropped in favour of the copy that got there first.
export async function putBlob(db: Database, orgId: string, input: Readable | Buffer | Uint8Array): Promise<PutBlobResult> {
  if (Buffer.isBuffer(input) || input instanceof Uint8Array) {
    const sha256 = crypto.createHash('sha256').update(input).digest('hex');
    const existing = await findBySha(db, orgId, sha256);
    if (existing?.complete) return { blobId: existing.id, sha256, size: Number(existing.size), deduplicated: true };
  }
  const placeholder = `pending:${crypto.randomUUID()}`;
  const [created] = await db.execute<{ id: string }>(
    sql`insert into blob (organization_id, sha256, size, complete) values (${orgId}, ${placeholder}, 0, false) returning id`,
  );
  if (!created) throw new Error('blob insert returned no row');
  const blobId = created.id;
  const hash = crypto.createHash('sha256');
  let size = 0;
  let seq = 0;
  try {
    for await (const chunk of chunksOf(input)) {
      hash.update(chunk);
      size += chunk.length;
      await db.execute(sql`insert into blob_chunk (blob_id, seq, data) values (${blobId}, ${seq++}, ${chunk})`);
    }
  } catch (err) {
    await db.execute(sql`delete from blob where id = ${blobId}`);
    throw err;
  }
  const sha256 = hash.digest('hex');
  return claimHash(db, orgId, blobId, sha256, size);
}

async function claimHash(db: Database, orgId: string, blobId: string, sha256: string, size: number): Promise<PutBlobResult> {
  const existing = await findBySha(db, orgId, sha256);
  if (existing?.complete) {
    await db.execute(sql`delete from blob where id = ${blobId}`);
    return { blobId: existing.id, sha256, size: Number(existing.size), deduplicated: true };
  }
  // An incomplete row with this hash is a writer that died before finishing: ours replaces it.
  if (existing) await db.execute(sql`delete from blob where id = ${existing.id} and complete = false`);
  try {
    await db.execute(sql`update blob set sha256 = ${sha256}, size = ${size}, complete = true where id = ${blobId}`);
    return { blobId, sha256, size, deduplicated: false };
  } catch (err) {
    // Unique (organization_id, sha256): a concurrent writer of the same bytes won the race.
    if ((err as { code?: string }).code !== '23505' && (err as { cause?: { code?: string } }).cause?.code !== '23505') throw err;
    await db.execute(sql`delete from blob where id = ${blobId}`);
    const winner = await findBySha(db, orgId, sha256);
    if (!winner) throw err;
    return { blobId: winner.id, sha256, size: Number(winner.size), deduplicated: true };
  }
}

// Streams a blob's bytes chunk by chunk; another organization's blob id is "not found" (PRODUCT #20).
export async function readBlob(db: Database, orgId: string, blobId: string): Promise<Readable> {
  const rows = await db.execute<{ id: string }>(sql`select id from blob where id = ${blobId} and organization_id = ${orgId} and complete`);
  if (!rows[0]) throw new BlobNotFoundError(blobId);
  async function* gen(): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const [row] = await db.execute<{ data: Buffer }>(sql`select data from blob_chunk where blob_id = ${blobId} and seq = ${seq}`);
      if (!row) return;
      yield row.data;
    }
  }
  return Readable.from(gen(), { objectMode: false });
}

// Hex SHA-256 for callers outside the adapters (synthetic Message-IDs), which may not import node:crypto.
export function sha256Hex(s: string | Buffer): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}

// Whole blob as one buffer, for small files only (inline images, tests).
export async function readBlobBuffer(db: Database, orgId: string, blobId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of await readBlob(db, orgId, blobId)) parts.push(c as Buffer);
  return Buffer.concat(parts);
}
