/**
 * The Audit view over the real tamper-evident log: chain status, infinite scroll with a bounded
 * DOM and cache, filters, the entry details, keyboard use, and a signed bundle export that the
 * independent verifier accepts. The log is filled through the core before the page loads
 * (audit-fixtures.ts). Screenshots in both languages are kept as artifacts.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { verifyBundle } from '../../main/core/audit/bundle-verify';
import { expect, test } from './audit-fixtures';

/** The DOM may hold this many rows at most, however long the log (MAX_RENDERED_ROWS is 90). */
const DOM_ROW_LIMIT = 100;

function grid(page: Page): Locator {
  return page.getByRole('grid', { name: /Audit log entries|审计日志记录/ });
}

/** Entry rows now in the DOM (not the header, pending or footer rows). */
function entryRows(page: Page): Locator {
  return grid(page).locator('[role="row"][data-seq]');
}

function scroller(page: Page): Locator {
  return page.locator('.audit-grid-scroller');
}

async function domRowCount(page: Page): Promise<number> {
  return grid(page).getByRole('row').count();
}

/** Scrolls to the end of what is loaded until the row for `seq` is in the DOM; checks the DOM stays small. */
async function scrollUntilSeq(page: Page, seq: number): Promise<void> {
  const target = grid(page).locator(`[data-seq="${seq}"]`);
  await expect(async () => {
    await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    expect(await domRowCount(page)).toBeLessThanOrEqual(DOM_ROW_LIMIT);
    await expect(target).toBeAttached({ timeout: 250 });
  }).toPass({ timeout: 30_000, intervals: [50] });
}

async function applyFilters(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apply filters' }).click();
}

test('the chain is intact, newest entries come first, and scrolling loads older pages with a bounded DOM', async ({
  auditPage: page,
}) => {
  const banner = page.getByRole('status').filter({ hasText: 'Chain intact' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/Chain intact — \d+ entries, 1 signed checkpoint, head #\d+/);

  // Newest first: the first row is the highest seq, and the oldest (#1) is not loaded yet.
  const first = entryRows(page).first();
  await expect(first).toBeVisible();
  const newest = Number(await first.getAttribute('data-seq'));
  expect(newest).toBeGreaterThan(300);
  await expect(grid(page).locator('[data-seq="1"]')).toHaveCount(0);
  await expect(page.getByText(/entries so far/)).toBeVisible();
  expect(await domRowCount(page)).toBeLessThanOrEqual(DOM_ROW_LIMIT);

  // Scrolling to the end loads the older page(s) until the very first entry.
  await scrollUntilSeq(page, 1);
  const oldest = grid(page).locator('[data-seq="1"]');
  await expect(oldest).toBeVisible();
  await expect(oldest).toContainText('settings.setLocale');
  await expect(oldest).toContainText('Allowed');
  await expect(page.getByText(/^\d[\d,]* entries$/)).toBeVisible();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(newest + 1));
  expect(await domRowCount(page)).toBeLessThanOrEqual(DOM_ROW_LIMIT);

  // Verify now: the check runs again and counts the entries written since (the calls themselves).
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(banner).toContainText(/Chain intact — \d+ entries/);
});

test.describe('a long log', () => {
  test.use({ auditLog: { calls: 20, failures: 0, bulk: 4_000, locale: 'en' } });

  test('holds a bounded number of entries while scrolling to the end and back', async ({
    auditPage: page,
  }) => {
    test.setTimeout(120_000);
    await expect(entryRows(page).first()).toBeVisible();
    const newest = await entryRows(page).first().getAttribute('data-seq');
    let maxHeld = 0;
    const target = grid(page).locator('[data-seq="1"]');
    await expect(async () => {
      await scroller(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      const held = Number(await grid(page).getAttribute('data-held-rows'));
      maxHeld = Math.max(maxHeld, held);
      expect(held).toBeLessThanOrEqual(2_000);
      expect(await domRowCount(page)).toBeLessThanOrEqual(DOM_ROW_LIMIT);
      await expect(target).toBeAttached({ timeout: 250 });
    }).toPass({ timeout: 60_000, intervals: [50] });
    expect(maxHeld).toBeGreaterThan(1_000);
    // More than 4,000 entries were scrolled through; far pages were let go of.
    expect(Number(await grid(page).getAttribute('data-held-rows'))).toBeLessThanOrEqual(2_000);
    await expect(page.getByText(/^4,\d{3} entries$/)).toBeVisible();

    // Back to the top: the newest entries, let go of on the way down, come back from the log.
    await expect(async () => {
      await scroller(page).evaluate((el) => el.scrollTo({ top: 0 }));
      await expect(grid(page).locator(`[data-seq="${newest}"]`)).toBeVisible({ timeout: 250 });
    }).toPass({ timeout: 60_000, intervals: [50] });
    expect(await domRowCount(page)).toBeLessThanOrEqual(DOM_ROW_LIMIT);
    expect(Number(await grid(page).getAttribute('data-held-rows'))).toBeLessThanOrEqual(2_000);
  });
});

test('filters narrow the list: outcome, action, time range; empty state; Enter applies', async ({
  auditPage: page,
}) => {
  await expect(entryRows(page).first()).toBeVisible();
  const filters = page.getByRole('search', { name: 'Filter the audit log' });

  // Outcome "Failed", applied with Enter in a text field (the filters are one form).
  await filters.getByLabel('Outcome').selectOption('failure');
  await filters.getByLabel('User').press('Enter');
  await expect(page.getByText('2 matching entries')).toBeVisible();
  await expect(entryRows(page)).toHaveCount(2);
  for (const row of await entryRows(page).all()) {
    await expect(row).toContainText('Failed');
    await expect(row).toContainText('vault.create');
    await expect(row).toContainText('A vault already exists');
  }

  // Action only.
  await filters.getByLabel('Outcome').selectOption('');
  await filters.getByLabel('Action').fill('settings.setLocale');
  await applyFilters(page);
  await expect(page.getByText(/entries so far|matching entries/)).toBeVisible();
  await expect(entryRows(page).first()).toContainText('settings.setLocale');
  const actions = await entryRows(page).locator('[role="gridcell"]:nth-child(4)').allTextContents();
  expect(new Set(actions)).toEqual(new Set(['Changed the language']));

  // A time range in the future: nothing matches, and the empty state offers to clear.
  const later = new Date(Date.now() + 3_600_000);
  const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await filters.getByLabel('From').fill(local);
  await applyFilters(page);
  await expect(page.getByRole('heading', { name: 'No entries match these filters' })).toBeVisible();
  await page
    .getByRole('region', { name: 'No entries match these filters' })
    .getByRole('button', { name: 'Clear filters' })
    .click();
  await expect(entryRows(page).first()).toBeVisible();
  await expect(filters.getByLabel('Action')).toHaveValue('');

  // "From" after "To" is refused in words, not sent.
  await filters.getByLabel('From').fill('2030-01-02T00:00');
  await filters.getByLabel('To (not including)').fill('2030-01-01T00:00');
  await applyFilters(page);
  await expect(filters.getByRole('alert')).toHaveText('“From” must be before “To”.');
});

test('rows are keyboard-navigable and open a details panel with the full entry', async ({
  auditPage: page,
}) => {
  const first = entryRows(page).first();
  await expect(first).toBeVisible();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  const second = grid(page).locator('[data-index="1"]');
  await expect(second).toBeFocused();
  const seq = await second.getAttribute('data-seq');
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: `Entry #${seq}` });
  await expect(dialog).toBeVisible();
  const json = await dialog.locator('pre').textContent();
  const entry = JSON.parse(json ?? '{}') as { seq: number; prev: string; hash: string };
  expect(entry.seq).toBe(Number(seq));
  await expect(dialog.getByText(entry.hash, { exact: true })).toBeVisible();
  await expect(dialog.getByText(entry.prev, { exact: true })).toBeVisible();
  await expect(dialog.getByRole('button', { name: /Copy This entry's hash/ })).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(second).toBeFocused();

  // End jumps to the last loaded row; Home back to the first.
  await page.keyboard.press('Home');
  await expect(grid(page).locator('[data-index="0"]')).toBeFocused();
});

test('exports a signed bundle with progress; the file exists, matches its SHA-256 and verifies', async ({
  auditPage: page,
  auditHarness,
}) => {
  test.setTimeout(120_000);
  const filters = page.getByRole('search', { name: 'Filter the audit log' });
  await filters.getByLabel('Action').fill('settings.setLocale');
  await applyFilters(page);
  await expect(entryRows(page).first()).toContainText('settings.setLocale');

  await page.getByRole('button', { name: 'Export bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export a signed audit bundle' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Entries outside this filter are redacted');
  await expect(dialog.getByLabel('Actions')).toHaveValue('settings.setLocale');
  await expect(dialog.getByLabel('Users')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Start export' }).click();

  const progress = dialog.getByRole('progressbar', { name: 'Export progress' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
  await expect(dialog.getByText('Bundle saved')).toBeVisible();

  const sha256 = (await dialog.locator('[data-field="sha256"]').textContent()) ?? '';
  const path = (await dialog.locator('[data-field="path"]').textContent()) ?? '';
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(path.startsWith(join(auditHarness.dataDir, 'exports'))).toBe(true);
  await expect(dialog).toContainText(`starring audit verify ${path}`);
  await expect(dialog).toContainText('VERIFY.md');

  const file = await stat(path);
  expect(file.size).toBeGreaterThan(0);
  await expect(dialog).toContainText(/Redacted \d+/);
  expect(
    createHash('sha256')
      .update(await readFile(path))
      .digest('hex'),
  ).toBe(sha256);
  const verdict = await verifyBundle(path);
  expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
  if (verdict.ok) {
    const device = verdict.summary.devices[0];
    expect(device?.entries).toBeGreaterThanOrEqual(300);
    expect(verdict.summary.filter).toMatchObject({ actions: ['settings.setLocale'] });
  }

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test.describe('a long export', () => {
  // Big enough that the export is still running when Cancel is clicked, even on a fast machine.
  test.use({ auditLog: { calls: 0, failures: 0, bulk: 150_000, locale: 'en' } });

  test('Cancel stops the export and leaves no bundle behind', async ({ auditPage: page, auditHarness }) => {
    test.setTimeout(120_000);
    await expect(entryRows(page).first()).toBeVisible();
    await page.getByRole('button', { name: 'Export bundle…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export a signed audit bundle' });
    await dialog.getByRole('button', { name: 'Start export' }).click();
    await expect(dialog.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel export' }).click();
    await expect(dialog.getByText('The export was cancelled; no bundle was saved.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Start export' })).toBeEnabled();
    // The core stopped writing and removed its temporary file.
    const exportsDir = join(auditHarness.dataDir, 'exports');
    await expect.poll(async () => (await readdir(exportsDir).catch(() => [])).length).toBe(0);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});

for (const locale of ['en', 'zh-CN'] as const) {
  test.describe(`screenshots, ${locale}`, () => {
    test.use({
      auditLog: { calls: 300, failures: 2, bulk: 400, locale },
      viewport: { width: 1360, height: 900 },
    });

    test(`the Audit view, its details and export dialogs (${locale})`, async ({
      auditPage: page,
    }, testInfo) => {
      const zh = locale === 'zh-CN';
      await expect(
        page.getByRole('status').filter({ hasText: zh ? '审计链完整' : 'Chain intact' }),
      ).toBeVisible();
      await expect(entryRows(page).first()).toBeVisible();
      await expect(page.getByRole('columnheader', { name: zh ? '结果' : 'Outcome' })).toBeVisible();
      const shot = async (name: string) => {
        const path = testInfo.outputPath(`audit-${locale}-${name}.png`);
        await page.screenshot({ path });
        await testInfo.attach(`audit-${locale}-${name}`, { path, contentType: 'image/png' });
      };
      await shot('1-list');

      // A failure row, opened.
      await page
        .getByRole('search')
        .getByLabel(zh ? '结果' : 'Outcome')
        .selectOption('failure');
      await page.getByRole('button', { name: zh ? '应用筛选' : 'Apply filters' }).click();
      await entryRows(page).first().click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await shot('2-details');
      await page.keyboard.press('Escape');
      await page
        .getByRole('button', { name: zh ? '清除筛选' : 'Clear filters' })
        .first()
        .click();
      await expect(entryRows(page).first()).toBeVisible();

      await page.getByRole('button', { name: zh ? '导出审计包…' : 'Export bundle…' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel(zh ? '用户' : 'Users').fill('dr.chen, nurse.li');
      await shot('3-export-form');
      await dialog.getByRole('button', { name: zh ? '开始导出' : 'Start export' }).click();
      await expect(dialog.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', {
        timeout: 60_000,
      });
      await shot('4-export-done');
    });
  });
}

test('the Audit view strings exist in both languages with the same placeholders', () => {
  type Tree = { [key: string]: string | Tree };
  const dir = join(import.meta.dirname, '..', '..', 'renderer', 'src', 'features', 'audit', 'i18n');
  const flatten = (tree: Tree, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (typeof value === 'string') out.set(path, value);
      else for (const [k, v] of flatten(value, path)) out.set(k, v);
    }
    return out;
  };
  const load = (file: string) => flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree);
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
  // Plural forms differ by language (English: _one and _other; Chinese: _other only).
  const plural = /_(zero|one|two|few|many|other)$/;
  const base = (key: string) => key.replace(plural, '');

  const en = load('en.json');
  const zh = load('zh-CN.json');
  const enBases = new Set([...en.keys()].map(base));
  const zhBases = new Set([...zh.keys()].map(base));
  expect(
    [...enBases].filter((key) => !zhBases.has(key)),
    'keys missing in zh-CN.json',
  ).toEqual([]);
  expect(
    [...zhBases].filter((key) => !enBases.has(key)),
    'keys missing in en.json',
  ).toEqual([]);
  for (const [key, english] of en) {
    const chinese = zh.get(key) ?? zh.get(plural.test(key) ? `${base(key)}_other` : key) ?? '';
    expect(english.trim(), `en: ${key}`).not.toBe('');
    expect(chinese.trim(), `zh-CN: ${key}`).not.toBe('');
    expect(placeholders(chinese), `placeholders of ${key}`).toEqual(placeholders(english));
  }
  for (const [key, chinese] of zh) expect(chinese.trim(), `zh-CN: ${key}`).not.toBe('');
});
