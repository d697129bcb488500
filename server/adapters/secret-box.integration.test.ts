import crypto from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxes } from '@/db/schema';
import { testDb } from '@/test/db';
import { makeOrg } from '@/test/fixtures';
import { createSecretBox, parseKeyRing, secretBoxFromEnv, SecretBoxError, DEVELOPMENT_KEY_ID, ENVELOPE_PATTERN } from './secret-box';

// PRODUCT #19 secrets at rest: AES-256-GCM envelopes with key ids and row-bound associated data.
const key = () => crypto.randomBytes(32).toString('base64');
const aad = { organizationId: crypto.randomUUID(), mailboxId: crypto.randomUUID(), field: 'credentials' };
const { db, sql: pg } = testDb();
afterAll(() => pg.end());

describe('secret box', () => {
  const box = createSecretBox(parseKeyRing(`k1:${key()}`));

  it('round-trips and produces the envelope shape the DB CHECK expects', () => {
    const env = box.seal('correct horse battery staple ✓', aad);
    expect(env).toMatch(ENVELOPE_PATTERN);
    expect(env.startsWith('mrx1.k1.')).toBe(true);
    expect(env).not.toContain('horse');
    expect(box.open(env, aad)).toBe('correct horse battery staple ✓');
    // A fresh IV each time: equal secrets never give equal ciphertexts.
    expect(box.seal('same', aad)).not.toBe(box.seal('same', aad));
  });

  it.each([
    ['ciphertext', 3],
    ['tag', 4],
    ['iv', 2],
  ])('refuses a tampered %s', (_name, index) => {
    const parts = box.seal('secret-value', aad).split('.');
    const bytes = Buffer.from(parts[index]!, 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    parts[index] = bytes.toString('base64url');
    expect(() => box.open(parts.join('.'), aad)).toThrow(SecretBoxError);
  });

  it.each([
    ['organization', { ...aad, organizationId: crypto.randomUUID() }],
    ['mailbox', { ...aad, mailboxId: crypto.randomUUID() }],
    ['field', { ...aad, field: 'other' }],
  ])('refuses a ciphertext moved to another %s (AAD swap)', (_name, other) => {
    expect(() => box.open(box.seal('secret-value', aad), other)).toThrow(/integrity/);
  });

  it('rotates keys: old envelopes still open, new ones use the first key', () => {
    const k1 = key();
    const old = createSecretBox(parseKeyRing(`k1:${k1}`));
    const sealedOld = old.seal('pw-old', aad);
    const rotated = createSecretBox(parseKeyRing(`k2:${key()},k1:${k1}`));
    expect(rotated.open(sealedOld, aad)).toBe('pw-old');
    expect(rotated.needsRotation(sealedOld)).toBe(true);
    const fresh = rotated.seal('pw-new', aad);
    expect(fresh.split('.')[1]).toBe('k2');
    expect(rotated.needsRotation(fresh)).toBe(false);
    // Once k1 is retired, its envelopes can no longer be read.
    expect(() => createSecretBox(parseKeyRing(`k2:${key()}`)).open(sealedOld, aad)).toThrow(/unknown key/);
  });

  it('refuses bad key specs and production without keys', () => {
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyRing('bad id!:' + key())).toThrow(/letters/);
    expect(() => parseKeyRing('')).toThrow(/no keys/);
    expect(() => secretBoxFromEnv({ NODE_ENV: 'production' })).toThrow(/required in production/);
    expect(secretBoxFromEnv({ NODE_ENV: 'development' }).currentKeyId).toBe(DEVELOPMENT_KEY_ID);
  });

  it('the database CHECK rejects anything that is not an envelope', async () => {
    const { org, rep } = await makeOrg(db);
    const id = crypto.randomUUID();
    const base = {
      id,
      organizationId: org.id,
      ownerUserId: rep.id,
      kind: 'imap' as const,
      emailAddress: `check-${id}@example.test`,
      imapHost: 'imap.example.test',
      imapPort: 993,
      imapSecurity: 'tls' as const,
      smtpHost: 'smtp.example.test',
      smtpPort: 465,
      smtpSecurity: 'tls' as const,
      username: 'u',
    };
    await expect(db.insert(mailboxes).values({ ...base, credentials: 'plain-password' })).rejects.toThrow();
    const sealed = box.seal('pw', { organizationId: org.id, mailboxId: id, field: 'credentials' });
    await db.insert(mailboxes).values({ ...base, credentials: sealed });
    const [row] = await db.select({ c: mailboxes.credentials }).from(mailboxes).where(eq(mailboxes.id, id));
    expect(row?.c).toBe(sealed);
    await expect(db.execute(sql`update mailbox set credentials = 'mrx1.only.three' where id = ${id}`)).rejects.toThrow();
  });
});
