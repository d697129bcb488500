import fs from 'node:fs';
import path from 'node:path';
import type { MailFlavour } from './types';

// Each user has a one-line Dovecot passwd-file of its own (`users/<flavour>/<email>`, the passdb path uses %Lu).
// Dovecot re-checks a passwd-file at most once per second, so a shared file would hide a new user for up to a
// second; a new file path is read on first use. The SMTP submission server reads the same files, so a password
// change is seen by IMAP and SMTP alike (PRODUCT: "password changed → disconnected").

export const FLAVOURS: MailFlavour[] = ['special-use', 'no-special-use'];

/** Path template handed to Dovecot's passwd-file passdb/userdb. */
export function passwdFile(stateDir: string, flavour: MailFlavour): string {
  return path.join(stateDir, 'users', flavour, '%Lu');
}

function userFile(stateDir: string, flavour: MailFlavour, email: string): string {
  return path.join(stateDir, 'users', flavour, email.toLowerCase());
}

// Home of a user; Maildir lives in `<home>/Maildir` (see mail_location in dovecot-config.ts).
export function mailHome(stateDir: string, flavour: MailFlavour, email: string): string {
  const [local, domain] = splitEmail(email);
  return path.join(stateDir, 'mail', flavour, domain, local);
}

export function splitEmail(email: string): [string, string] {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) throw new Error(`not an email address: ${email}`);
  return [email.slice(0, at), email.slice(at + 1)];
}

export function validateCredentials(email: string, password: string): void {
  if (!/^[a-z0-9._+-]+@[a-z0-9.-]+$/.test(email)) throw new Error(`mail world users must be lower-case plain addresses: ${email}`);
  if (password.length === 0 || /[:\n\r]/.test(password)) throw new Error('password must be non-empty and contain no ":" or line breaks');
}

function readUser(stateDir: string, flavour: MailFlavour, email: string): string | undefined {
  if (email.includes('/') || email.startsWith('.')) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(userFile(stateDir, flavour, email), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const pass = text.split(':')[1];
  return pass?.startsWith('{PLAIN}') ? pass.slice('{PLAIN}'.length) : undefined;
}

export function findUser(stateDir: string, email: string): { flavour: MailFlavour; password: string } | undefined {
  for (const flavour of FLAVOURS) {
    const password = readUser(stateDir, flavour, email);
    if (password !== undefined) return { flavour, password };
  }
  return undefined;
}

// Writes the user's file atomically. Dovecot reloads a changed passwd-file by mtime/size, so the mtime moves
// forward at least one second per write: a same-length password change in the same second is still seen.
export function upsertUser(stateDir: string, flavour: MailFlavour, email: string, password: string): void {
  validateCredentials(email, password);
  const other = findUser(stateDir, email);
  if (other && other.flavour !== flavour) throw new Error(`${email} already exists on the ${other.flavour} flavour`);
  const file = userFile(stateDir, flavour, email);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  let stamp = Math.floor(Date.now() / 1000);
  try {
    stamp = Math.max(stamp, Math.floor(fs.statSync(file).mtimeMs / 1000) + 1);
  } catch {
    /* new user */
  }
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${email}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  fs.utimesSync(tmp, stamp, stamp);
  fs.renameSync(tmp, file);
}
