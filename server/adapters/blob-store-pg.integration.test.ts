import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { BLOB_CHUNK_BYTES, BlobNotFoundError, putBlob, readBlob, readBlobBuffer } from './blob-store-pg';

const { db, sql: client } = testDb();
afterAll(() => client.end());

function slowStream(buf: Buffer, piece = 10_000): Readable {
  let o = 0;
  return new Readable({
    read() {
      if (o >= buf.length) return this.push(null);
      this.push(buf.subarray(o, o + piece));
      o += piece;
    },
  });
}

describe('blob store in Postgres (issue 5 attachments, PRODUCT #9)', () => {
  it('stores a stream in 256 KB chunks, streams it back byte-identical, and deduplicates by content per organization', async () => {
    const { org } = await makeOrg(db);
    const bytes = crypto.randomBytes(BLOB_CHUNK_BYTES * 2 + 12_345);
    const first = await putBlob(db, org.id, slowStream(bytes));
    expect(first.size).toBe(bytes.length);
    expect(first.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    const chunks = await db.execute<{ seq: number; len: number }>(sql`select seq, length(data) as len from blob_chunk where blob_id = ${first.blobId} order by seq`);
    expect(chunks.map((c) => Number(c.len))).toEqual([BLOB_CHUNK_BYTES, BLOB_CHUNK_BYTES, 12_345]);

    const again = await putBlob(db, org.id, bytes);
    expect(again).toMatchObject({ blobId: first.blobId, deduplicated: true });
    const againStream = await putBlob(db, org.id, slowStream(bytes, 70_000));
    expect(againStream.blobId).toBe(first.blobId);
    const count = await db.execute<{ n: number }>(sql`select count(*)::int as n from blob where organization_id = ${org.id}`);
    expect(count[0]?.n).toBe(1);

    expect((await readBlobBuffer(db, org.id, first.blobId)).equals(bytes)).toBe(true);
  });

  it('two concurrent writers of the same bytes end with one blob', async () => {
    const { org } = await makeOrg(db);
    const bytes = crypto.randomBytes(300_000);
    const [a, b] = await Promise.all([putBlob(db, org.id, slowStream(bytes)), putBlob(db, org.id, slowStream(bytes))]);
    expect(a.blobId).toBe(b.blobId);
    const count = await db.execute<{ n: number }>(sql`select count(*)::int as n from blob where organization_id = ${org.id}`);
    expect(count[0]?.n).toBe(1);
  });

  it("another organization cannot read a blob (PRODUCT #20) and the same bytes are stored separately for it", async () => {
    const a = await makeOrg(db);
    const b = await makeOrg(db);
    const put = await putBlob(db, a.org.id, Buffer.from('private file'));
    await expect(readBlob(db, b.org.id, put.blobId)).rejects.toBeInstanceOf(BlobNotFoundError);
    const other = await putBlob(db, b.org.id, Buffer.from('private file'));
    expect(other.blobId).not.toBe(put.blobId);
    expect(other.deduplicated).toBe(false);
  });
});
