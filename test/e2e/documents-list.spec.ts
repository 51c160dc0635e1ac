/**
 * The Documents list's sort, filters and bulk export, against the real core over the browser
 * harness with the 12 demo documents: a column header sorts (by click and by keyboard, with
 * aria-sort), the template filter narrows the list without a search text, ticked rows export
 * one by one with progress, and a PHI document among them is refused in the policy's words while
 * the others are written to DATA/exports. Screenshots in English and Simplified Chinese.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { demoTitles, expect, nav, test } from './fixtures';

const MAINTENANCE = 'Maintenance procedure — hydraulic press HP-400 seal replacement';
const SOAP = 'SOAP progress note — follow-up, type 2 diabetes';
const LEAFLET = 'Patient leaflet — looking after your inhaler';
const QC = 'QC inspection report — bracket B-117, lot 2026-1142';
const PHI_REFUSAL = 'Without an organisation policy, documents classified PHI cannot be exported.';

test.use({ demoDocuments: true });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The titles of the list's rows, top to bottom. */
function titles(app: Page): Promise<string[]> {
  return app.getByRole('main').locator('table.documents-table tbody tr td:first-child a').allInnerTexts();
}

function tick(app: Page, title: string): Locator {
  return app.getByRole('checkbox', { name: `Select “${title}”` });
}

/** The page's globals this spec uses (the Node-side tsconfig has no DOM library). */
interface PageGlobals {
  bulkSeen: string[];
  MutationObserver: new (callback: () => void) => { observe(node: unknown, options: object): void };
}

/** Every text the bulk report's status line showed, recorded as the DOM changes (progress is quick). */
async function recordStatusTexts(app: Page): Promise<() => Promise<string[]>> {
  const main = app.getByRole('main');
  await main.evaluate((root) => {
    const page = globalThis as unknown as PageGlobals;
    const seen: string[] = [];
    page.bulkSeen = seen;
    new page.MutationObserver(() => {
      const text = root.querySelector('.bulk-summary')?.textContent ?? '';
      if (text !== '' && seen.at(-1) !== text) seen.push(text);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
  return () => main.evaluate(() => (globalThis as unknown as PageGlobals).bulkSeen);
}

async function exportFiles(dataDir: string): Promise<string[]> {
  return (await readdir(join(dataDir, 'exports')).catch(() => [] as string[])).sort();
}

test('sorts by a column header, by click and by keyboard, newest first by default', async ({ app }) => {
  await expect(app.getByRole('main')).toContainText(`Documents: ${demoTitles.length}`);
  const updated = app.getByRole('columnheader', { name: 'Last changed' });
  const title = app.getByRole('columnheader', { name: 'Title' });
  await expect(updated).toHaveAttribute('aria-sort', 'descending');
  await expect(title).toHaveAttribute('aria-sort', 'none');
  const newestFirst = await titles(app);
  expect(newestFirst).toHaveLength(demoTitles.length);

  await title.getByRole('button').click();
  await expect(title).toHaveAttribute('aria-sort', 'ascending');
  await expect(updated).toHaveAttribute('aria-sort', 'none');
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  const byTitle = [...demoTitles].sort(collator.compare);
  expect(await titles(app)).toEqual(byTitle);
  expect(byTitle).not.toEqual(newestFirst);

  // The header's button takes the keyboard: Enter turns the order around.
  await title.getByRole('button').focus();
  await app.keyboard.press('Enter');
  await expect(title).toHaveAttribute('aria-sort', 'descending');
  expect(await titles(app)).toEqual([...byTitle].reverse());

  // Classification sorts by sensitivity: PHI last when ascending.
  const classification = app.getByRole('columnheader', { name: 'Classification' });
  await classification.getByRole('button').click();
  await expect(classification).toHaveAttribute('aria-sort', 'ascending');
  const last = (await titles(app)).slice(-2).sort();
  expect(last).toEqual(['Discharge summary — community-acquired pneumonia', SOAP]);
});

test('the template and industry filters narrow the list without a search text', async ({ app }) => {
  const main = app.getByRole('main');
  await expect(main).toContainText(`Documents: ${demoTitles.length}`);
  await main.getByLabel('Template').selectOption({ label: 'Maintenance procedure' });
  await expect.poll(() => titles(app)).toEqual([MAINTENANCE]);
  await expect(main).toContainText('1 results');

  await main.getByLabel('Template').selectOption('');
  await main.getByLabel('Industry').selectOption('manufacturing');
  await expect.poll(async () => (await titles(app)).length).toBe(3);
  expect(await titles(app)).toContain(QC);
  expect(await titles(app)).not.toContain(SOAP);

  // With a search text too: the filter still applies.
  await app.getByRole('searchbox', { name: 'Search documents' }).fill('report');
  await expect.poll(() => titles(app)).not.toContain('Quarterly operations report — Q3');
  for (const t of await titles(app))
    expect([MAINTENANCE, QC, '8D report — intermittent weld porosity, line 3']).toContain(t);
});

test('exports two selected documents as Markdown, with progress', async ({ app, harness }, testInfo) => {
  const main = app.getByRole('main');
  await tick(app, MAINTENANCE).check();
  await tick(app, QC).check();
  const toolbar = app.getByRole('toolbar', { name: 'Actions for the selected documents' });
  await expect(toolbar).toContainText('2 selected');
  await toolbar.getByLabel('Format').selectOption({ label: 'Markdown' });

  const seen = await recordStatusTexts(app);
  await toolbar.getByRole('button', { name: 'Export selected' }).click();
  const summary = main.locator('.bulk-summary');
  await expect(summary).toHaveText('2 exported', { timeout: 30_000 });
  expect(await seen()).toEqual(['Exporting 1 of 2…', 'Exporting 2 of 2…', '2 exported']);
  await expect(main.getByRole('progressbar', { name: 'Bulk export' })).toHaveAttribute('aria-valuenow', '2');

  const files = await exportFiles(harness.dataDir);
  expect(files).toHaveLength(2);
  expect(files.some((f) => f.startsWith(MAINTENANCE) && f.endsWith('.md'))).toBe(true);
  expect(files.some((f) => f.startsWith(QC) && f.endsWith('.md'))).toBe(true);

  await toolbar.getByRole('button', { name: 'Clear selection' }).click();
  await expect(toolbar).toHaveCount(0);
  await shot(app, testInfo, 'en-bulk-exported');
});

test('a PHI document in the selection is refused in the policy’s words; the others export', async ({
  app,
  harness,
}, testInfo) => {
  const main = app.getByRole('main');
  await tick(app, SOAP).check();
  await tick(app, MAINTENANCE).check();
  await tick(app, LEAFLET).check();
  const toolbar = app.getByRole('toolbar', { name: 'Actions for the selected documents' });
  await expect(toolbar).toContainText('3 selected');
  await toolbar.getByLabel('Format').selectOption({ label: 'Markdown' });
  await toolbar.getByRole('button', { name: 'Export selected' }).click();

  await expect(main.locator('.bulk-summary')).toHaveText('2 exported · 1 not exported', { timeout: 30_000 });
  await expect(main.getByRole('alert')).toHaveText(`“${SOAP}” refused: ${PHI_REFUSAL}`);
  const files = await exportFiles(harness.dataDir);
  expect(files).toHaveLength(2);
  expect(files.some((f) => f.startsWith(SOAP))).toBe(false);
  await shot(app, testInfo, 'en-bulk-phi-refused');
});

test('select all visible, in Chinese', async ({ app }, testInfo) => {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: '简体中文' }).click();
  await nav(app).getByRole('link', { name: '文档' }).click();
  const main = app.getByRole('main');
  await main.getByLabel('行业').selectOption('healthcare');
  await expect.poll(async () => (await titles(app)).length).toBe(3);
  await app.getByRole('checkbox', { name: '选择所有可见文档' }).check();
  const toolbar = app.getByRole('toolbar', { name: '对所选文档的操作' });
  await expect(toolbar).toContainText('已选 3 份');
  // Every ticked document is clinical, so a FHIR bundle is offered.
  await expect(toolbar.getByLabel('格式').locator('option', { hasText: 'FHIR R4 文档包' })).toHaveCount(1);
  await app.getByRole('columnheader', { name: '标题' }).getByRole('button').click();
  await expect(app.getByRole('columnheader', { name: '标题' })).toHaveAttribute('aria-sort', 'ascending');
  await shot(app, testInfo, 'zh-CN-bulk-selected');
  await toolbar.getByRole('button', { name: '清除选择' }).click();
  await expect(toolbar).toHaveCount(0);
});
