import { defineConfig } from '@playwright/test';

// A port per run (workers inherit the runner's env), so parallel runs on one machine never share an app.
process.env.E2E_PORT ??= String(3200 + (process.pid % 700));
const port = Number(process.env.E2E_PORT);

// Debian's Chromium (Playwright's own download does not work offline). The app runs on a production build
// against a throwaway embedded Postgres and the local mail world, started by e2e/global-setup.ts.
export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results',
  use: {
    // Next normalises 127.0.0.1 to "localhost" in request URLs, so Auth.js redirect URIs use localhost: browse there too.
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1366, height: 860 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'],
    },
  },
});
