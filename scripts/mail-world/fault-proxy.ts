import net from 'node:net';

export interface FaultProxy {
  port: number;
  /** Drops every open connection now (RST, as a dying NAT or server would). */
  cut(): void;
  /** Drops each open and future connection once this many more server→client bytes have passed. */
  cutAfterBytes(n: number): void;
  /** Holds server→client data (the client sees a silent server) until resume(). */
  stall(): void;
  resume(): void;
  /** Number of connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  budget: number | undefined;
  flush: () => void;
}

// A TCP proxy in front of a mail server port that can cut or stall connections on demand, to test what
// a client does when the network fails mid-command.
export async function createFaultProxy(o: { targetPort: number; targetHost?: string }): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let stalled = false;
  let cutBudget: number | undefined;
  let accepted = 0;
  const kill = (p: Pair) => {
    p.client.resetAndDestroy();
    p.upstream.destroy();
    pairs.delete(p);
  };
  const server = net.createServer((client) => {
    accepted++;
    const upstream = net.connect({ host: o.targetHost ?? '127.0.0.1', port: o.targetPort });
    const pair: Pair = { client, upstream, budget: cutBudget, flush: () => undefined };
    pairs.add(pair);
    const queued: Buffer[] = [];
    const forward = (chunk: Buffer) => {
      if (pair.budget !== undefined) {
        if (chunk.length >= pair.budget) {
          if (pair.budget > 0) client.write(chunk.subarray(0, pair.budget));
          // Let the partial write reach the client, then reset.
          setImmediate(() => kill(pair));
          pair.budget = 0;
          return;
        }
        pair.budget -= chunk.length;
      }
      client.write(chunk);
    };
    upstream.on('data', (chunk: Buffer) => {
      if (stalled) queued.push(chunk);
      else forward(chunk);
    });
    pair.flush = () => {
      while (queued.length > 0 && pairs.has(pair)) forward(queued.shift() as Buffer);
    };
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    const end = () => kill(pair);
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('fault proxy has no port');
  return {
    port: addr.port,
    cut: () => {
      for (const p of [...pairs]) kill(p);
    },
    cutAfterBytes: (n) => {
      cutBudget = n;
      for (const p of pairs) p.budget = n;
    },
    stall: () => {
      stalled = true;
    },
    resume: () => {
      stalled = false;
      for (const p of pairs) p.flush();
    },
    connections: () => accepted,
    close: async () => {
      for (const p of [...pairs]) kill(p);
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
