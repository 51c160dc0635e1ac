import { defineConfig } from '@playwright/test';

/**
 * E2E runs the unchanged renderer (dist/renderer, built by `npm run build:renderer` first — see
 * `npm run test:e2e`) in Debian's Chromium against the real core behind the browser harness; each
 * test starts its own core with a fresh data folder (test/e2e/fixtures.ts). No browser download:
 * STARRING_CHROMIUM overrides the path on machines where Chromium lives elsewhere.
 * app.electron.spec.ts runs here too and skips itself when the Electron binary is absent.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  reporter: 'list',
  workers: 2,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Generous for a shared 2-core machine under load; a real hang still fails at the expect timeout.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    launchOptions: {
      executablePath: process.env.STARRING_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
