import PgBoss from 'pg-boss';

// pg-boss on the app's own Postgres: any number of workers on any number of machines share the jobs.
export function createBoss(url: string, opts: { supervise?: boolean; schedule?: boolean } = {}): PgBoss {
  return new PgBoss({ connectionString: url, supervise: opts.supervise ?? true, schedule: opts.schedule ?? true, max: 4 });
}

export type { PgBoss };
