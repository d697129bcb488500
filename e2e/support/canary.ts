import http from 'node:http';
import { tinyPng } from './timeline-seed';

// A local "remote host" for the email frame. Chromium does not report requests of sandboxed srcdoc
// frames to Playwright (page.on('request') stays silent), so remote loads are counted where they land:
// the browser resolves the canary host names to this server (--host-resolver-rules) and it logs each hit.

const baseArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export function canaryLaunchOptions(port: number, hosts: string[]) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...baseArgs, `--host-resolver-rules=${hosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`],
  };
}

export async function startCanary(port: number): Promise<{ hits: string[]; close: () => Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.headers.host ?? ''}${req.url ?? ''}`);
    res.writeHead(200, { 'Content-Type': 'image/png', 'Access-Control-Allow-Origin': '*' });
    res.end(tinyPng);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
