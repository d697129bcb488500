import type { Database, Sql } from '@/db/client';
import { MimeParser } from '@/server/adapters/mime-parse';
import type { Logger } from '@/server/logger';
import type { OpenSource } from '@/server/services/sync/open-source';
import type { SyncConfig } from '@/server/services/sync/sync-folder';
import { claimMailboxes, releaseLease, renewLeases } from './lease';
import { MailboxSession, type SessionOptions } from './mailbox-session';

// The sync scheduler of one worker process (issue 5 "Many workers, many machines"): claims mailboxes
// through leases, runs one session per claimed mailbox, renews leases with heartbeats and drops any
// session whose lease it lost. Any number of schedulers (processes or machines) share the mailboxes.

export type SchedulerOptions = {
  workerId: string;
  leaseMs: number;
  claimEveryMs: number;
  maxMailboxes: number;
  /** Claim only these organizations' mailboxes (sharding; keeps tests apart on a shared database). */
  onlyOrganizations?: string[];
  session: Omit<SessionOptions, 'onPass'>;
  config: SyncConfig;
  onPass?: (e: { workerId: string; mailboxId: string; startedAt: number; endedAt: number }) => void;
};

export type SchedulerDeps = { db: Database; sql: Sql; logger: Logger; open: OpenSource };

export function startSyncScheduler(deps: SchedulerDeps, opts: SchedulerOptions): { stop: () => Promise<void>; held: () => string[] } {
  const parser = new MimeParser();
  const sessions = new Map<string, MailboxSession>();
  const log = deps.logger.child({ workerId: opts.workerId, component: 'sync-scheduler' });
  const syncDeps = { db: deps.db, sql: deps.sql, logger: log, parser, now: () => new Date(), config: opts.config };
  let stopped = false;

  const startSession = (m: { id: string; organizationId: string }) => {
    const onPass = opts.onPass ? (e: { mailboxId: string; startedAt: number; endedAt: number }) => opts.onPass?.({ ...e, workerId: opts.workerId }) : undefined;
    const s = new MailboxSession(syncDeps, deps.open, m, { ...opts.session, ...(onPass ? { onPass } : {}) });
    sessions.set(m.id, s);
    void s.done.then(async (end) => {
      if (sessions.get(m.id) === s) sessions.delete(m.id);
      if (!stopped) await releaseLease(deps.sql, opts.workerId, m.id, end.retryAfterMs).catch((err: Error) => log.warn({ err: err.message }, 'lease release failed'));
    });
  };

  const tick = async () => {
    const held = [...sessions.keys()];
    const kept = await renewLeases(deps.sql, opts.workerId, held, opts.leaseMs);
    for (const id of held) {
      if (!kept.has(id)) {
        log.warn({ mailboxId: id }, 'lease lost, stopping session');
        const s = sessions.get(id);
        sessions.delete(id);
        void s?.stop();
      }
    }
    const claimed = await claimMailboxes(deps.sql, opts.workerId, opts.maxMailboxes - sessions.size, opts.leaseMs, opts.onlyOrganizations);
    for (const m of claimed) if (!sessions.has(m.id)) startSession(m);
  };

  let timer: NodeJS.Timeout | undefined;
  const loop = async () => {
    if (stopped) return;
    try {
      await tick();
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'scheduler tick failed');
    }
    if (!stopped) timer = setTimeout(() => void loop(), Math.min(opts.claimEveryMs, Math.floor(opts.leaseMs / 3)));
  };
  void loop();

  return {
    held: () => [...sessions.keys()],
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      const all = [...sessions.entries()];
      sessions.clear();
      await Promise.all(all.map(async ([id, s]) => {
        await s.stop();
        await releaseLease(deps.sql, opts.workerId, id).catch(() => undefined);
      }));
      await parser.close();
    },
  };
}
