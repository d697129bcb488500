import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { mailboxes, threads, trackedMessageIds } from '@/db/schema';
import { MimeParser } from '@/server/adapters/mime-parse';
import type { MailNetworkPolicy } from '@/server/adapters/mail-network';
import { secretBox } from '@/server/adapters/secret-box';
import { sealCredentials } from '@/server/services/mailboxes/credentials';
import { makeOrg } from '@/test/fixtures';
import { createUniqueMailUser, imapFor } from '@/scripts/mail-world/helpers';
import type { MailFlavour, MailWorldInfo } from '@/scripts/mail-world/types';
import { mailSourceOpener } from './open-source';
import { DEFAULT_SYNC_CONFIG, type SyncConfig, type SyncDeps } from './sync-folder';

// Shared set-up for the sync integration tests and the benchmark: a real organization, a real mail
// world user and a mailbox row with sealed credentials, connected through the production opener.

export function testMailPolicy(info: MailWorldInfo, extraPorts: number[] = []): MailNetworkPolicy {
  const ports = [info.imap.specialUse, info.imap.noSpecialUse].flatMap((e) => [e.plainPort, e.tlsPort, e.starttlsPort]);
  return { allow: ['127.0.0.1'], extraPorts: [...ports, ...extraPorts], allowInsecure: true, extraCa: info.caPem };
}

export async function makeSyncMailbox(db: Database, info: MailWorldInfo, opts: { flavour?: MailFlavour; imapPort?: number } = {}) {
  const o = await makeOrg(db, 'Sync Org');
  const user = await createUniqueMailUser(info, 'sync', opts.flavour ?? 'special-use');
  const port = opts.imapPort ?? imapFor(info, user.email).plainPort;
  const [row] = await db
    .insert(mailboxes)
    .values({
      organizationId: o.org.id,
      ownerUserId: o.rep.id,
      kind: 'imap',
      emailAddress: user.email,
      status: 'connected',
      imapHost: '127.0.0.1',
      imapPort: port,
      imapSecurity: 'none',
      smtpHost: '127.0.0.1',
      smtpPort: info.smtp.plainPort,
      smtpSecurity: 'none',
      username: user.email,
    })
    .returning({ id: mailboxes.id });
  const mailboxId = row!.id;
  const envelope = sealCredentials(secretBox(), { organizationId: o.org.id, mailboxId }, { v: 1, kind: 'password', password: user.password });
  await db.execute(sql`update mailbox set credentials = ${envelope} where id = ${mailboxId}`);
  return { ...o, mailboxId, mail: user };
}

// A CRM-sent email: its Message-ID is tracked, so replies to it match (PRODUCT #7).
export async function trackSentMessage(db: Database, organizationId: string, messageId: string, subject: string): Promise<string> {
  const [t] = await db.insert(threads).values({ organizationId, rootMessageId: messageId, subject }).returning({ id: threads.id });
  await db.insert(trackedMessageIds).values({ organizationId, messageId, threadId: t!.id, source: 'sent', subject });
  return t!.id;
}

export function testSyncDeps(db: Database, config: Partial<SyncConfig> = {}): SyncDeps & { parser: MimeParser } {
  return { db, parser: new MimeParser(), now: () => new Date(), config: { ...DEFAULT_SYNC_CONFIG, ...config } };
}

export function testOpener(db: Database, info: MailWorldInfo, extraPorts: number[] = []) {
  return mailSourceOpener(db, { policy: testMailPolicy(info, extraPorts), timeoutMs: 10_000 });
}
