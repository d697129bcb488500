import net from 'node:net';
import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import type { Logger } from '@/server/logger';
import { checkEndpoint, mailNetworkPolicy, tlsOptions, type MailNetworkPolicy } from './mail-network';

// The one way the app opens an IMAP connection (PRODUCT #2, #19): SSRF-checked address, verified TLS,
// time limits, and imapflow's own logging kept out of the logs except for warnings without content.

export type MailSecurity = 'tls' | 'starttls' | 'none';
export type MailAuth = { kind: 'password'; password: string } | { kind: 'xoauth2'; accessToken: string };
export type ImapTarget = { host: string; port: number; security: MailSecurity; username: string; auth: MailAuth };
export type ConnectOptions = { timeoutMs?: number; logger?: Logger; policy?: MailNetworkPolicy };

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export class MailTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(what: string) {
    super(`${what} timed out`);
    this.name = 'MailTimeoutError';
  }
}

// imapflow logs protocol lines at debug/trace; we keep only its warnings/errors, with ids and codes.
export function imapLogger(logger?: Logger) {
  const safe = (o: unknown) => {
    const r = (o ?? {}) as Record<string, unknown>;
    const err = r.err as { code?: unknown; message?: unknown } | undefined;
    return { cid: r.cid, imapMsg: typeof r.msg === 'string' ? r.msg.slice(0, 200) : undefined, code: err?.code };
  };
  const none = () => undefined;
  return {
    // Without this imapflow assumes every level is on and serialises each FETCH response for a
    // trace line nobody reads: ~20% of the initial sync's CPU (issue 5 "Speed").
    isLevelEnabled: (level: string) => level === 'warn' || level === 'error' || level === 'fatal',
    trace: none,
    debug: none,
    info: none,
    warn: (o: unknown) => logger?.warn(safe(o), 'imap warning'),
    error: (o: unknown) => logger?.error(safe(o), 'imap error'),
    fatal: (o: unknown) => logger?.error(safe(o), 'imap fatal'),
  };
}

// Resolves the connection on success; on failure closes the socket and rethrows the library's error.
export async function connectImap(target: ImapTarget, opts: ConnectOptions = {}): Promise<ImapFlow> {
  const policy = opts.policy ?? mailNetworkPolicy();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const endpoint = await checkEndpoint('imap', target.host, target.port, policy);
  const client = new ImapFlow({
    host: endpoint.address,
    port: target.port,
    secure: target.security === 'tls',
    doSTARTTLS: target.security === 'starttls' ? true : target.security === 'none' ? false : undefined,
    ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    auth:
      target.auth.kind === 'password'
        ? { user: target.username, pass: target.auth.password }
        : { user: target.username, accessToken: target.auth.accessToken },
    tls: tlsOptions(policy, endpoint.servername),
    logger: imapLogger(opts.logger) as never,
    logRaw: false,
    emitLogs: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: Math.min(timeoutMs, 15_000),
    socketTimeout: 5 * 60_000,
    disableAutoIdle: true,
    // RFC 7162: with QRESYNC enabled, SELECT reports expunged UIDs (VANISHED EARLIER), so incremental
    // passes learn deletions without listing the whole folder (issue 5).
    qresync: true,
    clientInfo: { name: 'Mailroom' },
  });
  // An 'error' event without a listener would crash the process.
  client.on('error', (err: Error & { code?: string }) => opts.logger?.warn({ code: err.code }, 'imap connection error'));
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.connect(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new MailTimeoutError('IMAP connection')), timeoutMs);
      }),
    ]);
    return client;
  } catch (err) {
    client.close();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

// Reads the server's first line (greeting) without logging in: a "+OK" there is POP3 (PRODUCT #3).
export async function probeGreeting(target: Pick<ImapTarget, 'host' | 'port' | 'security'>, opts: ConnectOptions = {}): Promise<string | null> {
  const policy = opts.policy ?? mailNetworkPolicy();
  const timeoutMs = Math.min(opts.timeoutMs ?? 5_000, 10_000);
  const endpoint = await checkEndpoint('imap', target.host, target.port, policy);
  return new Promise((resolve) => {
    const socket =
      target.security === 'tls'
        ? tls.connect({ host: endpoint.address, port: target.port, ...tlsOptions(policy, endpoint.servername) })
        : net.connect({ host: endpoint.address, port: target.port });
    let data = '';
    const done = (line: string | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => done(data || null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      const nl = data.indexOf('\n');
      if (nl >= 0 || data.length > 512) done(data.slice(0, nl >= 0 ? nl : 512).trim());
    });
    socket.on('error', () => done(null));
    socket.on('close', () => done(data || null));
  });
}
