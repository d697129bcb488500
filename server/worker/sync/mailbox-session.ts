import type { Sql } from '@/db/client';
import type { Logger } from '@/server/logger';
import { classifyFailure, recordMailboxFailure, recordMailboxSuccess } from '@/server/services/mailboxes/mailbox-auth';
import type { OpenSource } from '@/server/services/sync/open-source';
import type { MailSource } from '@/server/services/sync/mail-source';
import { syncMailboxPass } from '@/server/services/sync/sync-mailbox';
import type { SyncDeps } from '@/server/services/sync/sync-folder';

// One leased mailbox: connect, sync, then IDLE on INBOX (re-issued every few minutes; a watchdog
// catches dead sockets) or poll, and sync again. Connection-level failures are classified once and
// recorded (only `auth` disconnects, PRODUCT #5); the session then ends and the lease is released
// with the mailbox's backoff, so another pass (on any worker) retries later.

export type SessionOptions = {
  idleMs: number;
  /** Extra time a wake-up command may take before the socket counts as dead. */
  watchdogMs: number;
  /** A full pass (retries, flag sweep, sent folder) at least this often even without IDLE news. */
  pendingEveryMs: number;
  onPass?: (e: { mailboxId: string; startedAt: number; endedAt: number }) => void;
};

export type SessionEnd = { retryAfterMs: number };

export class MailboxSession {
  private stopped = false;
  private readonly inboxPath = 'INBOX';
  private source: MailSource | null = null;
  readonly done: Promise<SessionEnd>;

  constructor(
    private readonly deps: SyncDeps & { sql: Sql; logger: Logger },
    private readonly open: OpenSource,
    readonly mailbox: { id: string; organizationId: string },
    private readonly opts: SessionOptions,
  ) {
    this.done = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.source?.close();
    await this.done;
  }

  private async run(): Promise<SessionEnd> {
    const { id, organizationId } = this.mailbox;
    const log = this.deps.logger.child({ mailboxId: id });
    let lastFull = 0;
    while (!this.stopped) {
      try {
        this.source = await this.open(organizationId, id);
        let reported = false;
        while (!this.stopped) {
          const startedAt = Date.now();
          const full = startedAt - lastFull >= this.opts.pendingEveryMs;
          await syncMailboxPass(this.deps, this.source, id, { checkPending: full });
          if (full) lastFull = startedAt;
          this.opts.onPass?.({ mailboxId: id, startedAt, endedAt: Date.now() });
          if (!reported) {
            reported = true;
            const [m] = await this.deps.sql<{ status: string }[]>`select status from mailbox where id = ${id}`;
            if (m && m.status !== 'connected') await recordMailboxSuccess(this.deps.db, id);
          }
          if (this.stopped) break;
          // IDLE watches the selected folder; the fast path may have skipped selecting INBOX.
          await this.source.ensureSelected(this.inboxPath);
          await this.waitWithWatchdog(this.source);
        }
      } catch (err) {
        if (this.stopped) break;
        if ((err as Error).message === 'idle-watchdog') {
          log.warn('idle watchdog fired, reconnecting');
          await this.source?.close();
          continue;
        }
        const classified = classifyFailure(err, 'imap');
        log.warn({ kind: classified.kind, reason: classified.reason }, 'mailbox sync failed');
        const recorded = await recordMailboxFailure(this.deps.db, id, err).catch(() => null);
        const retryAt = recorded?.state.retryAt ? new Date(recorded.state.retryAt).getTime() - Date.now() : 30_000;
        return { retryAfterMs: Math.max(1000, retryAt) };
      } finally {
        await this.source?.close().catch(() => undefined);
        this.source = null;
      }
    }
    return { retryAfterMs: 0 };
  }

  private async waitWithWatchdog(source: MailSource): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        source.waitForChange(this.opts.idleMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('idle-watchdog')), this.opts.idleMs + this.opts.watchdogMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
