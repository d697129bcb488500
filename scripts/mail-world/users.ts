import fs from 'node:fs';
import path from 'node:path';
import type { MailFlavour } from './types';

// Users live in one Dovecot passwd-file per flavour; the SMTP submission server reads the same files,
// so a password change is seen by IMAP and SMTP at once (PRODUCT: "password changed → disconnected").

export const FLAVOURS: MailFlavour[] = ['special-use', 'no-special-use'];

export function passwdFile(stateDir: string, flavour: MailFlavour): string {
  return path.join(stateDir, 'users', `${flavour}.passwd`);
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

function readPasswd(stateDir: string, flavour: MailFlavour): Map<string, string> {
  const users = new Map<string, string>();
  let text = '';
  try {
    text = fs.readFileSync(passwdFile(stateDir, flavour), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  for (const line of text.split('\n')) {
    const [user, pass] = line.split(':');
    if (user && pass?.startsWith('{PLAIN}')) users.set(user, pass.slice('{PLAIN}'.length));
  }
  return users;
}

export function findUser(stateDir: string, email: string): { flavour: MailFlavour; password: string } | undefined {
  const key = email.toLowerCase();
  for (const flavour of FLAVOURS) {
    const password = readPasswd(stateDir, flavour).get(key);
    if (password !== undefined) return { flavour, password };
  }
  return undefined;
}

let lastStamp = 0;

// Rewrites the flavour's passwd-file atomically. Dovecot reloads a passwd-file when its mtime or size
// changes, so the mtime is pushed forward one second per write: same-length edits in the same second still reload.
export function upsertUser(stateDir: string, flavour: MailFlavour, email: string, password: string): void {
  validateCredentials(email, password);
  const other = findUser(stateDir, email);
  if (other && other.flavour !== flavour) throw new Error(`${email} already exists on the ${other.flavour} flavour`);
  const users = readPasswd(stateDir, flavour);
  users.set(email, password);
  const file = passwdFile(stateDir, flavour);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, [...users].map(([u, p]) => `${u}:{PLAIN}${p}::::::\n`).join(''), { mode: 0o644 });
  lastStamp = Math.max(Math.floor(Date.now() / 1000), lastStamp + 1);
  fs.utimesSync(tmp, lastStamp, lastStamp);
  fs.renameSync(tmp, file);
}
