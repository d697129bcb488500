import crypto from 'node:crypto';

// Secrets at rest (PRODUCT #19, issue 4): AES-256-GCM envelopes `mrx1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url).
// The key id lets keys rotate (first key encrypts, every listed key decrypts); the associated data binds a
// ciphertext to its organization, mailbox and field, so a value copied to another row fails to decrypt.

export type SecretAad = { organizationId: string; mailboxId: string; field: string };

export interface SecretBox {
  /** Id of the key new envelopes are sealed with. */
  readonly currentKeyId: string;
  seal(plaintext: string, aad: SecretAad): string;
  open(envelope: string, aad: SecretAad): string;
  /** True when the envelope was sealed with an older key and should be re-sealed. */
  needsRotation(envelope: string): boolean;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'mrx1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const ENVELOPE_PATTERN = /^mrx1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// Deterministic so dev data survives restarts; the id says loudly what it is. Never accepted in production.
export const DEVELOPMENT_KEY_ID = 'dev-insecure-key';
const DEVELOPMENT_KEY = crypto.createHash('sha256').update('mailroom development key: never use in production').digest();

export type KeyRing = { current: string; keys: Map<string, Buffer> };

// Parses "id:base64key,id2:base64key2"; every key must be exactly 32 bytes.
export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let current: string | undefined;
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const i = part.indexOf(':');
    if (i < 1) throw new SecretBoxError('MAILROOM_ENCRYPTION_KEYS entries must look like "id:base64key".');
    const id = part.slice(0, i).trim();
    if (!KEY_ID.test(id)) throw new SecretBoxError(`Encryption key id "${id}" may only use letters, digits, "-" and "_".`);
    const key = Buffer.from(part.slice(i + 1).trim(), 'base64');
    if (key.length !== 32) throw new SecretBoxError(`Encryption key "${id}" must be 32 bytes of base64 (got ${key.length} bytes).`);
    if (keys.has(id)) throw new SecretBoxError(`Encryption key id "${id}" is listed twice.`);
    keys.set(id, key);
    current ??= id;
  }
  if (!current) throw new SecretBoxError('MAILROOM_ENCRYPTION_KEYS has no keys.');
  return { current, keys };
}

function aadBytes(aad: SecretAad): Buffer {
  // Length-prefixed JSON array: no separator ambiguity between the parts.
  return Buffer.from(JSON.stringify([VERSION, aad.organizationId, aad.mailboxId, aad.field]), 'utf8');
}

export function createSecretBox(ring: KeyRing): SecretBox {
  const currentKey = ring.keys.get(ring.current);
  if (!currentKey) throw new SecretBoxError('current key missing from the key ring');
  return {
    currentKeyId: ring.current,
    seal(plaintext, aad) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', currentKey, iv);
      cipher.setAAD(aadBytes(aad));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      // An empty plaintext would give an empty segment the DB CHECK refuses; seal() is never called with one.
      if (ct.length === 0) throw new SecretBoxError('refusing to seal an empty secret');
      return [VERSION, ring.current, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join('.');
    },
    open(envelope, aad) {
      if (!ENVELOPE_PATTERN.test(envelope)) throw new SecretBoxError('not a secret envelope');
      const [, keyId, ivText, ctText, tagText] = envelope.split('.') as [string, string, string, string, string];
      const key = ring.keys.get(keyId);
      if (!key) throw new SecretBoxError(`secret was sealed with unknown key "${keyId}"`);
      const iv = Buffer.from(ivText, 'base64url');
      const tag = Buffer.from(tagText, 'base64url');
      if (iv.length !== 12 || tag.length !== 16) throw new SecretBoxError('malformed secret envelope');
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
        decipher.setAAD(aadBytes(aad));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ctText, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // Tampered, copied to another row/field, or a different key under the same id.
        throw new SecretBoxError('secret failed its integrity check');
      }
    },
    needsRotation(envelope) {
      return envelope.split('.')[1] !== ring.current;
    },
  };
}

// Builds the box from MAILROOM_ENCRYPTION_KEYS; without it, a named development key outside production only.
export function secretBoxFromEnv(source: { NODE_ENV?: string; MAILROOM_ENCRYPTION_KEYS?: string } = process.env): SecretBox {
  const spec = source.MAILROOM_ENCRYPTION_KEYS?.trim();
  if (spec) return createSecretBox(parseKeyRing(spec));
  if (source.NODE_ENV === 'production') throw new SecretBoxError('MAILROOM_ENCRYPTION_KEYS is required in production.');
  return createSecretBox({ current: DEVELOPMENT_KEY_ID, keys: new Map([[DEVELOPMENT_KEY_ID, DEVELOPMENT_KEY]]) });
}

let cached: SecretBox | undefined;
/** Process-wide box (keys are read once). */
export function secretBox(): SecretBox {
  cached ??= secretBoxFromEnv();
  return cached;
}
