import { DOVEADM_BIN } from './dovecot';
import { run, runOk } from './proc';

// Thin wrappers over doveadm. They talk to the running world's auth (userdb) socket through the config file,
// and access the Maildir directly, so they work from any process on the machine.

export async function saveToFolder(config: string, email: string, folder: string, raw: Buffer | string, flags: string[] = []): Promise<void> {
  await runOk(DOVEADM_BIN, ['-c', config, 'save', '-u', email, '-m', folder], { input: raw });
  if (flags.length > 0) {
    // doveadm save gives no UID back (and `UID *` matches nothing here); callers only flag folders such as
    // Sent where every message carries the flag anyway, so flag whatever lacks it.
    await runOk(DOVEADM_BIN, ['-c', config, 'flags', 'add', '-u', email, flags.join(' '), 'mailbox', folder, 'UNSEEN']);
  }
}

export async function mailboxStatus(config: string, email: string, folder: string): Promise<{ messages: number; uidvalidity: number; uidnext: number; unseen: number }> {
  const out = await runOk(DOVEADM_BIN, ['-c', config, '-f', 'flow', 'mailbox', 'status', '-u', email, 'messages uidvalidity uidnext unseen', folder]);
  const get = (k: string) => Number(new RegExp(`${k}=(\\d+)`).exec(out)?.[1] ?? NaN);
  return { messages: get('messages'), uidvalidity: get('uidvalidity'), uidnext: get('uidnext'), unseen: get('unseen') };
}

// Creates the folder when missing (auto-created folders only appear after the user's first login).
export async function ensureFolder(config: string, email: string, folder: string): Promise<void> {
  if (folder === 'INBOX') return;
  const r = await run(DOVEADM_BIN, ['-c', config, 'mailbox', 'create', '-s', '-u', email, folder]);
  if (r.code !== 0 && !/exists/i.test(r.stderr)) throw new Error(`doveadm mailbox create ${folder} failed: ${r.stderr.trim()}`);
}
