import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkEndpoint, MailGuardError, mailNetworkPolicy, type MailNetworkPolicy } from './mail-network';
import { connectImap } from './imap-connect';
import { verifySmtp } from './smtp-connect';

// Issue 4 SSRF guard: hostile hosts are refused before any socket is opened. A real listener on
// 127.0.0.1 counts connections; with no allow-list, every loopback spelling must leave it at zero.
let server: net.Server;
let port = 0;
let connections = 0;
const sockets = new Set<net.Socket>();
beforeAll(async () => {
  server = net.createServer((s) => {
    connections++;
    sockets.add(s);
    s.end('* OK IMAP ready\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const strict = (): MailNetworkPolicy => ({ allow: [], extraPorts: [port], allowInsecure: true });
const auth = { kind: 'password' as const, password: 'p' };

describe('SSRF guard before connecting', () => {
  const hostile = [
    '127.0.0.1',
    '127.0.0.2',
    'localhost',
    'LOCALHOST.',
    'imap.localhost',
    '2130706433',
    '0x7f000001',
    '0x7f.0.0.1',
    '0177.0.0.1',
    '127.1',
    '[::1]',
    '::1',
    '[::ffff:127.0.0.1]',
    '::ffff:7f00:1',
    '[64:ff9b::7f00:1]',
    '[2002:7f00:1::]',
    '10.0.0.1',
    '192.168.1.1',
    '172.16.5.4',
    '100.64.0.1',
    '169.254.169.254',
    'metadata.google.internal',
    '[fe80::1]',
    '[fd00:ec2::254]',
    '224.0.0.1',
    '0.0.0.0',
    'mailserver',
    'printer.local',
  ];

  it.each(hostile)('%s is refused with a plain message and no connection', async (host) => {
    const before = connections;
    const err = await connectImap({ host, port, security: 'none', username: 'u', auth }, { policy: strict(), timeoutMs: 2_000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailGuardError);
    expect((err as Error).message).toMatch(/not allowed|valid|server name|four numbers|IP address/i);
    const smtpErr = await verifySmtp({ host, port, security: 'none', username: 'u', auth }, { policy: strict() }).catch((e: unknown) => e);
    expect(smtpErr).toBeInstanceOf(MailGuardError);
    expect(connections).toBe(before);
  });

  it('names that resolve to a private address anywhere in the answer are refused (DNS rebinding)', async () => {
    for (const answer of [['10.0.0.5'], ['8.8.8.8', '127.0.0.1'], ['::ffff:169.254.169.254'], []]) {
      await expect(checkEndpoint('imap', 'imap.evil.example', 993, strict(), async () => answer)).rejects.toBeInstanceOf(MailGuardError);
    }
    await expect(checkEndpoint('imap', 'imap.good.example', 993, strict(), async () => ['8.8.8.8'])).resolves.toEqual({ address: '8.8.8.8', family: 4, servername: 'imap.good.example' });
  });

  it('ports outside the allowed list are refused', async () => {
    for (const p of [22, 80, 3306, 6379, 995, 110]) {
      await expect(checkEndpoint('imap', '8.8.8.8', p, strict(), async () => ['8.8.8.8'])).rejects.toThrow(/can’t be used/);
    }
  });

  it('the allow-list lets exactly 127.0.0.1 through, and a production allow-list needs acknowledgement', async () => {
    const before = connections;
    const client = await connectImap({ host: '127.0.0.1', port, security: 'none', username: 'u', auth }, { policy: { ...strict(), allow: ['127.0.0.1'] }, timeoutMs: 2_000 }).catch(() => null);
    client?.close();
    expect(connections).toBe(before + 1);
    expect(() => mailNetworkPolicy({ NODE_ENV: 'production', MAILROOM_SSRF_ALLOW: '127.0.0.1' })).toThrow(/allow-list/);
    expect(mailNetworkPolicy({ NODE_ENV: 'production', MAILROOM_SSRF_ALLOW: '127.0.0.1', MAILROOM_SSRF_ALLOW_IN_PRODUCTION: 'yes' }).allow).toEqual(['127.0.0.1']);
    expect(mailNetworkPolicy({ NODE_ENV: 'production', MAILROOM_ALLOW_INSECURE_MAIL: 'yes' }).allowInsecure).toBe(false);
  });
});
