/**
 * Playwright fixtures: every test gets the REAL core and browser harness, started in this process
 * on a fresh temporary data folder and an ephemeral port, and a page that has opened the printed
 * URL (spending its one-time token). Console errors fail the test unless it opts out.
 *
 * The app opens on the vault gate until a vault exists and is unlocked. Unless a test says
 * otherwise (test.use({ vault: 'none' | 'locked' })), the fixture creates the vault through the
 * core with TEST_PASSPHRASE before the page loads, so the app opens unlocked as a returning user
 * sees it; test.use({ demoDocuments: true }) fills it with the demo documents first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { repoRoot } from '../../main/core/app/app-version';
import { createCore, type Core, type CoreOptions } from '../../main/core/core';
import { demoDocuments as demoDocumentList } from '../../main/core/demo/demo-documents';
import { seedDemo } from '../../main/core/demo/seed-demo';
import { startHarness, type Harness } from '../../main/harness/harness-server';

export const rendererDir = join(repoRoot, 'dist', 'renderer');
export const preloadScript = join(repoRoot, 'dist', 'harness', 'harness-preload.js');

/** Strong enough for the core's rule (zxcvbn score 4); every pre-made vault uses it. */
export const TEST_PASSPHRASE = 'quiet-otter-lantern-47-harbor';

/** The titles `seedDemo` writes (main/core/demo/demo-documents.ts). */
export const demoTitles = demoDocumentList.map((doc) => doc.title);

export type VaultSetup = 'none' | 'locked' | 'unlocked';

export interface RunningHarness {
  /** The URL the harness printed, with its one-time token. */
  url: string;
  dataDir: string;
  core: Core;
  /** Stops core and harness and starts new ones on the same data folder (an app restart). */
  restart(): Promise<string>;
  /** Unlocks the fixture's vault through the core (as if the user had, in another window). */
  unlock(): Promise<void>;
}

/** Extra core options a spec's fixture needs (managed configuration, the app's model folder…). */
export type CoreOverrides = Omit<Partial<CoreOptions>, 'dataDir' | 'transport' | 'version'>;

export async function startCoreAndHarness(
  dataDir: string,
  overrides: CoreOverrides = {},
): Promise<{ core: Core; harness: Harness }> {
  const core = await createCore({
    ...overrides,
    dataDir,
    transport: 'browser-harness',
    version: '0.0.0-e2e',
  });
  const harness = await startHarness({ core, rendererDir, preloadScript, port: 0 });
  return { core, harness };
}

/**
 * The `harness` fixture's body, shared by the specs that extend it: starts core and harness on
 * `dataDir`, lets `prepare` set up the vault, hands the test a RunningHarness (restart, unlock),
 * then stops both and removes the folder.
 */
export async function useRunningHarness(
  dataDir: string,
  overrides: CoreOverrides,
  prepare: (core: Core) => Promise<void>,
  use: (harness: RunningHarness) => Promise<void>,
): Promise<void> {
  let running = await startCoreAndHarness(dataDir, overrides);
  await prepare(running.core);
  const fixture: RunningHarness = {
    url: running.harness.url,
    dataDir,
    get core() {
      return running.core;
    },
    async restart() {
      await running.harness.close();
      await running.core.close();
      running = await startCoreAndHarness(dataDir, overrides);
      fixture.url = running.harness.url;
      return running.harness.url;
    },
    async unlock() {
      await running.core.vault.unlock({ method: 'passphrase', passphrase: TEST_PASSPHRASE });
    },
  };
  await use(fixture);
  await running.harness.close();
  await running.core.close();
  await rm(dataDir, { recursive: true, force: true });
}

/** Creates the fixture's vault with TEST_PASSPHRASE, as a returning user's data folder has it. */
export async function createTestVault(core: Core): Promise<void> {
  await core.vault.create({ passphrase: TEST_PASSPHRASE, useOsKeystore: false });
}

interface Fixtures {
  /** The vault the app finds when it starts: none (first run), locked, or unlocked (the default). */
  vault: VaultSetup;
  /** With a vault: fill it with the demo documents before the page loads. */
  demoDocuments: boolean;
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
  vault: ['unlocked', { option: true }],
  demoDocuments: [false, { option: true }],

  harness: async ({ vault, demoDocuments }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'starring-e2e-'));
    // The app's model folder is the test's own (empty) one: packs in the checkout's models/ (the
    // tiny ones a benchmark generated, say) must not change what a fresh install shows.
    const overrides = { appModelsDir: join(dataDir, 'app-models') };
    await useRunningHarness(dataDir, overrides, (core) => prepareVault(core, vault, demoDocuments), use);
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

/** Creates the vault the way the first-run screen would (real scrypt), before any page opens. */
async function prepareVault(core: Core, setup: VaultSetup, demo: boolean): Promise<void> {
  if (setup === 'none') return;
  await createTestVault(core);
  if (demo) await seedDemo(core.vault.unlocked(), {});
  if (setup === 'locked') await core.vault.lock();
}

/** Opens the harness URL on a page that starts at the vault gate (the `app` fixture needs it unlocked). */
export async function openGate(page: Page, harness: RunningHarness): Promise<void> {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Unlocks through the unlock screen, as a user does, and waits for the app frame. */
export async function unlockInUi(page: Page, passphrase = TEST_PASSPHRASE): Promise<void> {
  await page.getByLabel(/^(Passphrase|密码短语)$/).fill(passphrase);
  await page.getByRole('button', { name: /^(Unlock|解锁)$/ }).click();
  await expect(nav(page)).toBeVisible({ timeout: 20_000 });
}

export const sectionNames = {
  en: ['Documents', 'Templates', 'Assistant', 'Audit', 'Models', 'Settings'],
  'zh-CN': ['文档', '模板', '智能助手', '审计', '模型', '设置'],
} as const;

/** The sidebar's navigation landmark. */
export function nav(page: Page) {
  return page.getByRole('navigation');
}
