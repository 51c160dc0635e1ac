/**
 * Playwright fixtures: every test gets the REAL core and browser harness, started in this process
 * on a fresh temporary data folder and an ephemeral port, and a page that has opened the printed
 * URL (spending its one-time token). Console errors fail the test unless it opts out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { repoRoot } from '../../main/core/app/app-version';
import { createCore, type Core } from '../../main/core/core';
import { startHarness, type Harness } from '../../main/harness/harness-server';

export const rendererDir = join(repoRoot, 'dist', 'renderer');
export const preloadScript = join(repoRoot, 'dist', 'harness', 'harness-preload.js');

export interface RunningHarness {
  /** The URL the harness printed, with its one-time token. */
  url: string;
  dataDir: string;
  core: Core;
  /** Stops core and harness and starts new ones on the same data folder (an app restart). */
  restart(): Promise<string>;
}

export async function startCoreAndHarness(dataDir: string): Promise<{ core: Core; harness: Harness }> {
  const core = await createCore({ dataDir, transport: 'browser-harness', version: '0.0.0-e2e' });
  const harness = await startHarness({ core, rendererDir, preloadScript, port: 0 });
  return { core, harness };
}

interface Fixtures {
  harness: RunningHarness;
  /** A page showing the app, ready (the frame and the Documents heading are visible). */
  app: Page;
  /** Console errors and page errors seen so far; asserted empty after each test. */
  consoleErrors: string[];
  /** Set with test.use({ allowConsoleErrors: true }) where errors are the point (a refused token). */
  allowConsoleErrors: boolean;
}

export const test = base.extend<Fixtures>({
  allowConsoleErrors: [false, { option: true }],

  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern
  harness: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'starring-e2e-'));
    let running = await startCoreAndHarness(dataDir);
    const fixture: RunningHarness = {
      url: running.harness.url,
      dataDir,
      get core() {
        return running.core;
      },
      async restart() {
        await running.harness.close();
        await running.core.close();
        running = await startCoreAndHarness(dataDir);
        fixture.url = running.harness.url;
        return running.harness.url;
      },
    };
    await use(fixture);
    await running.harness.close();
    await running.core.close();
    await rm(dataDir, { recursive: true, force: true });
  },

  consoleErrors: [
    async ({ page, allowConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      if (!allowConsoleErrors) expect(errors, 'no console errors').toEqual([]);
    },
    { auto: true },
  ],

  app: async ({ page, harness }, use) => {
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    await use(page);
  },
});

export { expect };

export const sectionNames = {
  en: ['Documents', 'Templates', 'Assistant', 'Audit', 'Models', 'Settings'],
  'zh-CN': ['文档', '模板', '智能助手', '审计', '模型', '设置'],
} as const;

/** The sidebar's navigation landmark. */
export function nav(page: Page) {
  return page.getByRole('navigation');
}
