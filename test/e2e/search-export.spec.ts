/**
 * Search and export in the Documents list, against the real core over the browser harness:
 * text and filters narrow the list (full-text only without a model, and the page says so), the
 * tiny-bert pack adds semantic results, Markdown / DOCX / PDF exports land in the exports folder
 * with a sane size, and a PHI export refused by policy shows the policy's sentence. Screenshots in
 * English and Simplified Chinese.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { seedDemo } from '../../main/core/demo/seed-demo';
import { createTestVault, expect, nav, test, useRunningHarness } from './fixtures';
import { test as modelsTest } from './models-fixtures';

const MAINTENANCE = 'Maintenance procedure — hydraulic press HP-400 seal replacement';
const SOAP = 'SOAP progress note — follow-up, type 2 diabetes';

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

function rows(app: Page): Locator {
  return app.getByRole('main').getByRole('table').getByRole('row');
}

function row(app: Page, title: string): Locator {
  return rows(app).filter({ hasText: title });
}

async function exportFrom(app: Page, title: string, format: RegExp): Promise<Locator> {
  const r = row(app, title);
  await r.getByRole('button', { name: /^(Export|导出)/ }).click();
  await r.getByRole('menuitem', { name: format }).click();
  return r;
}

/** The demo vault, with the app's model folder chosen by the test (a missing one: no model at all). */
const noModelTest = test.extend({
  // eslint-disable-next-line no-empty-pattern -- needs no other fixture.
  harness: async ({}, use, testInfo) => {
    const dataDir = testInfo.outputPath('data');
    await useRunningHarness(
      dataDir,
      { appModelsDir: join(dataDir, 'no-models') },
      async (core) => {
        await createTestVault(core);
        await seedDemo(core.vault.unlocked(), {});
      },
      use,
    );
  },
});

noModelTest.describe('search and export, no embedding model', () => {
  noModelTest(
    'text and filters narrow the list; the page says search is full-text only',
    async ({ app }, testInfo) => {
      const main = app.getByRole('main');
      const search = app.getByRole('searchbox', { name: 'Search documents' });
      await search.fill('patient');
      await expect(main).toContainText('Full-text search only');
      const all = await rows(app).count();
      expect(all).toBeGreaterThan(2);

      await main.getByLabel('Classification').selectOption('phi');
      await expect(rows(app)).not.toHaveCount(all);
      for (const text of await rows(app).allInnerTexts()) {
        if (!text.includes('Title')) expect(text).toContain('Protected health information');
      }
      await expect(row(app, 'Patient leaflet')).toHaveCount(0);
      await shot(app, testInfo, 'en-search-filtered');

      await search.fill('');
      await main.getByLabel('Industry').selectOption('manufacturing');
      await main.getByLabel('Classification').selectOption('');
      await expect(main).toContainText(/\d+ results/);
      await expect(row(app, MAINTENANCE)).toHaveCount(1);
      await expect(row(app, SOAP)).toHaveCount(0);

      await main.getByRole('button', { name: 'Clear filters' }).click();
      await expect(main).toContainText('Documents:');
    },
  );

  noModelTest(
    'exports Markdown, DOCX and PDF from the list; a PHI DOCX export is refused in words',
    async ({ app, harness }, testInfo) => {
      for (const [format, ext, min] of [
        [/^Markdown$/, 'md', 300],
        [/^Word \(DOCX\)$/, 'docx', 4_000],
        [/^PDF$/, 'pdf', 4_000],
      ] as const) {
        const r = await exportFrom(app, MAINTENANCE, format);
        const status = r.getByRole('status');
        await expect(status).toContainText(`Exported “${MAINTENANCE} v2.${ext}”`, { timeout: 30_000 });
        const file = await stat(join(harness.dataDir, 'exports', `${MAINTENANCE} v2.${ext}`));
        expect(file.size).toBeGreaterThan(min);
        expect(file.size).toBeLessThan(5_000_000);
      }
      await shot(app, testInfo, 'en-export-done');

      const soap = await exportFrom(app, SOAP, /^Word \(DOCX\)$/);
      await expect(soap.getByRole('alert')).toHaveText(
        'Export refused: Without an organisation policy, documents classified PHI cannot be exported.',
      );
      await shot(app, testInfo, 'en-export-denied');
    },
  );

  noModelTest('in Chinese', async ({ app }, testInfo) => {
    await nav(app).getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).click();
    await nav(app).getByRole('link', { name: '文档' }).click();
    const main = app.getByRole('main');
    await app.getByRole('searchbox', { name: '搜索文档' }).fill('patient');
    await expect(main).toContainText('仅全文检索');
    await main.getByLabel('行业').selectOption('healthcare');
    const soap = await exportFrom(app, SOAP, /^PDF$/);
    await expect(soap.getByRole('alert')).toContainText('导出被拒绝');
    await row(app, 'Patient leaflet').getByRole('button', { name: /^导出/ }).click();
    await expect(row(app, 'Patient leaflet').getByRole('menuitem', { name: 'FHIR R4 文档包' })).toBeVisible();
    await shot(app, testInfo, 'zh-CN-search-export');
  });
});

const semanticTest = modelsTest.extend({
  harness: async ({ tinyPacksDir }, use, testInfo) => {
    const dataDir = testInfo.outputPath('data');
    await useRunningHarness(
      dataDir,
      { appModelsDir: tinyPacksDir },
      async (core) => {
        await createTestVault(core);
        await seedDemo(core.vault.unlocked(), {});
      },
      use,
    );
  },
});

semanticTest('semantic results appear with the tiny-bert embedding pack', async ({ app }, testInfo) => {
  const main = app.getByRole('main');
  await app.getByRole('searchbox', { name: 'Search documents' }).fill('inhaler medicine');
  await expect(main).toContainText('Results combine full-text and semantic search (tiny-bert).', {
    timeout: 30_000,
  });
  await expect(
    row(app, 'Patient leaflet — looking after your inhaler').getByText('Text match'),
  ).toBeVisible();
  await expect(main.getByText('Similar meaning').first()).toBeVisible();
  await shot(app, testInfo, 'en-search-semantic');
});
