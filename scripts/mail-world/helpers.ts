import MailComposer from 'nodemailer/lib/mail-composer';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureFolder, mailboxStatus, saveToFolder } from './doveadm';
import { DOVEADM_BIN } from './dovecot';
import { run, runOk } from './proc';
import type { TokenSet } from './oauth-provider';
import { findUser, mailHome } from './users';
import { withImap } from './test-clients';
import type { MailFlavour, MailWorldInfo, OAuthProviderName } from './types';

// Helpers for tests and scripts. They take the serialisable MailWorldInfo, so they work in any process:
// mutations go through the world's control API, mail goes through doveadm on the shared state dir.

async function control<T>(info: MailWorldInfo, route: string, body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${info.controlUrl}/${route}`, { method: 'POST', body: JSON.stringify(body) });
  const json = (await res.json()) as T & { error_description?: string };
  if (!res.ok) throw new Error(`mail world control ${route} failed: ${json.error_description ?? res.status}`);
  return json;
}

function userFlavour(info: MailWorldInfo, email: string): MailFlavour {
  const u = findUser(info.stateDir, email);
  if (!u) throw new Error(`no mail world user ${email}`);
  return u.flavour;
}

export function doveadmConfigFor(info: MailWorldInfo, email: string): string {
  return userFlavour(info, email) === 'special-use' ? info.imap.specialUse.doveadmConfig : info.imap.noSpecialUse.doveadmConfig;
}

/** IMAP ports of the flavour a user lives on. */
export function imapFor(info: MailWorldInfo, email: string): MailWorldInfo['imap']['specialUse'] {
  return userFlavour(info, email) === 'special-use' ? info.imap.specialUse : info.imap.noSpecialUse;
}

export async function createMailUser(info: MailWorldInfo, u: { email: string; password: string; flavour?: MailFlavour }): Promise<{ email: string; flavour: MailFlavour }> {
  return control(info, 'users/create', { email: u.email, password: u.password, flavour: u.flavour ?? 'special-use' });
}

/** A fresh user with a unique address, so parallel tests never share a mailbox. */
export async function createUniqueMailUser(info: MailWorldInfo, prefix = 'user', flavour: MailFlavour = 'special-use'): Promise<{ email: string; password: string }> {
  const domain = flavour === 'special-use' ? info.imap.specialUse.domain : info.imap.noSpecialUse.domain;
  const email = `${prefix}-${crypto.randomBytes(5).toString('hex')}@${domain}`;
  const password = `pw-${crypto.randomBytes(6).toString('hex')}`;
  await createMailUser(info, { email, password, flavour });
  return { email, password };
}

/** Simulates "password changed at the provider": IMAP and SMTP refuse the old one from now on. */
export async function setMailPassword(info: MailWorldInfo, email: string, newPassword: string): Promise<void> {
  await control(info, 'users/password', { email, password: newPassword });
  // Dovecot re-reads a passwd-file at most once a second: wait until it accepts the new password.
  const deadline = Date.now() + 5000;
  for (;;) {
    const r = await run(DOVEADM_BIN, ['-c', doveadmConfigFor(info, email), 'auth', 'test', email, newPassword]);
    // Each flavour runs two Dovecot instances (plaintext port; TLS + STARTTLS ports) with their own auth
    // process: only when both accept the new password has each re-read the file, so the old one is refused.
    if (r.code === 0 && (await acceptsOnEveryInstance(info, email, newPassword))) return;
    if (Date.now() > deadline) throw new Error(`Dovecot still refuses the new password of ${email}: ${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function acceptsOnEveryInstance(info: MailWorldInfo, email: string, password: string): Promise<boolean> {
  const imap = imapFor(info, email);
  for (const port of [imap.plainPort, imap.tlsPort]) {
    const ok = await withImap(info, port, { user: email, pass: password }, async () => true, port === imap.tlsPort ? { secure: true } : {}).catch(() => false);
    if (!ok) return false;
  }
  return true;
}

/** Tokens for a mailbox user without a browser round trip (includes a refresh token). */
export async function issueTokens(info: MailWorldInfo, o: { email: string; provider: OAuthProviderName; accessTtlSeconds?: number }): Promise<TokenSet> {
  return control(info, 'oauth/issue', o);
}

/** Revokes one refresh (or access) token and the grant behind it, as "remove app access" does. */
export async function revokeRefreshToken(info: MailWorldInfo, token: string): Promise<void> {
  await control(info, 'oauth/revoke', { token });
}

export async function revokeAllGrants(info: MailWorldInfo, email: string): Promise<number> {
  return (await control<{ revoked: number }>(info, 'oauth/revoke-user', { email })).revoked;
}

/** Expires the user's live access tokens now, to exercise refresh-on-401 without waiting an hour. */
export async function expireAccessTokens(info: MailWorldInfo, email: string): Promise<number> {
  return (await control<{ expired: number }>(info, 'oauth/expire-access', { email })).expired;
}

/** Mailbox user named by tokens when /authorize gets no login_hint. */
export async function setOAuthDefaultUser(info: MailWorldInfo, email: string): Promise<void> {
  await control(info, 'oauth/default-user', { email });
}

/** Gmail/Office 365 behaviour: SMTP-sent mail also lands in the sender's sent folder (PRODUCT #10). */
export async function setAutoFileSent(info: MailWorldInfo, o: { email?: string; enabled: boolean }): Promise<void> {
  await control(info, 'smtp/auto-file-sent', o);
}

/** Puts a raw RFC 5322 message into any folder of a user (creating the folder when missing). */
export async function deliverRaw(info: MailWorldInfo, email: string, folder: string, raw: Buffer | string): Promise<void> {
  const conf = doveadmConfigFor(info, email);
  await ensureFolder(conf, email, folder);
  await saveToFolder(conf, email, folder, typeof raw === 'string' ? Buffer.from(raw.replace(/\r?\n/g, '\r\n')) : raw);
}

export async function folderStatus(info: MailWorldInfo, email: string, folder: string) {
  return mailboxStatus(doveadmConfigFor(info, email), email, folder);
}

export interface ReplyOptions {
  fromEmail: string;
  fromName?: string;
  toMailbox: string;
  original: { messageId: string; subject: string; references?: string[] };
  text: string;
  html?: string;
  attachments?: Array<{ filename: string; content: Buffer | string; contentType?: string }>;
  /** Folder of the mailbox to deliver into; default INBOX. */
  folder?: string;
}

// A reply as the contact's mail client would write it (RFC 5322 §3.6.4 In-Reply-To/References), built by
// nodemailer's MailComposer and delivered into the mailbox. Returns the reply's Message-ID.
export async function replyAs(info: MailWorldInfo, o: ReplyOptions): Promise<{ messageId: string; raw: Buffer }> {
  const domain = o.fromEmail.split('@')[1] ?? 'outside.test';
  const messageId = `<${crypto.randomUUID()}@${domain}>`;
  const refs = [...(o.original.references ?? []), o.original.messageId];
  const subject = /^re:/i.test(o.original.subject) ? o.original.subject : `Re: ${o.original.subject}`;
  const composer = new MailComposer({
    from: o.fromName ? { name: o.fromName, address: o.fromEmail } : o.fromEmail,
    to: o.toMailbox,
    subject,
    messageId,
    inReplyTo: o.original.messageId,
    references: refs,
    date: new Date(),
    text: o.text,
    html: o.html,
    attachments: o.attachments,
  });
  const raw = await new Promise<Buffer>((resolve, reject) => composer.compile().build((err, msg) => (err ? reject(err) : resolve(msg))));
  await deliverRaw(info, o.toMailbox, o.folder ?? 'INBOX', raw);
  return { messageId, raw };
}

// Gives the folder a new UIDVALIDITY (RFC 3501 §2.3.1.1) with renumbered UIDs, as a server does after
// rebuilding a mailbox: clients must throw away their UID state. Returns old and new values.
export async function changeUidValidity(info: MailWorldInfo, email: string, folder: string): Promise<{ before: number; after: number }> {
  const conf = doveadmConfigFor(info, email);
  const before = (await mailboxStatus(conf, email, folder)).uidvalidity;
  const home = mailHome(info.stateDir, userFlavour(info, email), email);
  const dir = folder === 'INBOX' ? path.join(home, 'Maildir') : path.join(home, 'Maildir', `.${folder.replace(/\//g, '.')}`);
  // Maildir's UID state lives in dovecot-uidlist; the index caches it, so drop both and resync.
  for (const f of fs.readdirSync(dir)) {
    if (f === 'dovecot-uidlist' || f.startsWith('dovecot.index')) fs.rmSync(path.join(dir, f), { force: true });
  }
  // Dovecot's new UIDVALIDITY is the current time in seconds; make sure it differs from the old one.
  const wait = before * 1000 + 1100 - Date.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  await runOk(DOVEADM_BIN, ['-c', conf, 'force-resync', '-u', email, folder]);
  const after = (await mailboxStatus(conf, email, folder)).uidvalidity;
  if (after === before) throw new Error(`UIDVALIDITY of ${folder} did not change (${before})`);
  return { before, after };
}
