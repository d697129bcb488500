import type { Database, Sql } from '@/db/client';
import type { Env } from '@/server/env';
import type { Logger } from '@/server/logger';
import { startInboundSmtp } from '@/server/adapters/inbound-smtp';
import { MAX_BCC_LOGGED_BYTES } from '@/server/domain/sync/attachment-policy';
import { checkLoggingRecipient, handleLoggingMessage } from './bcc-logging';
import { startOutboxLoop } from './outbox-loop';

// What the worker runs for sending (issue 6): the outbox loop and the logging address's SMTP listener.
export async function startSendServices(deps: { db: Database; sql: Sql; logger: Logger; env: Env }): Promise<Array<{ stop: () => Promise<void> }>> {
  const log = deps.logger.child({ feature: 'send' });
  const outbox = await startOutboxLoop({ db: deps.db, sql: deps.sql, logger: log });
  const bcc = { db: deps.db, logger: log, inboundDomain: deps.env.INBOUND_EMAIL_DOMAIN };
  // A port already taken (a second worker on this machine) must not take the outbox down with it.
  const inbound = await startInboundSmtp(
    { port: deps.env.INBOUND_SMTP_PORT, keepBytes: MAX_BCC_LOGGED_BYTES, onError: (err) => log.warn({ err: { message: err.message } }, 'inbound smtp error') },
    {
      checkRecipient: (address) => checkLoggingRecipient(bcc, address),
      onMessage: async (m) => {
        const v = await handleLoggingMessage(bcc, m);
        log.info({ outcome: v.outcome?.status ?? (v.ok ? 'ok' : 'rejected') }, 'logging address message');
        return v.ok ? { ok: true } : v;
      },
    },
  ).catch((err: Error) => {
    log.error({ err: { message: err.message }, port: deps.env.INBOUND_SMTP_PORT }, 'logging address listener could not start');
    return null;
  });
  if (inbound) log.info({ port: inbound.port }, 'logging address listener started');
  return inbound ? [outbox, inbound] : [outbox];
}
