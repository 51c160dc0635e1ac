/**
 * The document editor end to end, in Chromium against the real core: a SOAP note from the
 * gallery, autosave versions, an out-of-range vital flagged and kept, AI suggestions accepted and
 * rejected, diff and restore, signing with a wrong then the right passphrase and the lock; the QC
 * table's pass/fail; screenshots in EN and zh-CN.
 */
import { readFile } from 'node:fs/promises';
import type { Page, TestInfo } from '@playwright/test';
import { TEST_PASSPHRASE } from './fixtures';
import { expect, nav, test } from './models-fixtures';

// No model packs: AI summaries come from the deterministic built-in, so the test is repeatable.
test.use({ modelPacks: 'none' });

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function newFromGallery(page: Page, templateName: string) {
  await nav(page).getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('button', { name: `Use template: ${templateName}` }).click();
  await expect(page).toHaveURL(/#\/documents\/.+/);
  await expect(page.getByLabel('Document title')).toBeVisible();
}

const saved = (page: Page, version: number) =>
  expect(page.getByTestId('save-indicator')).toHaveText(`Saved · version ${version}`, { timeout: 15_000 });

/**
 * Waits until everything typed is saved and returns the version. Autosave is debounced, so on a
 * loaded machine a pause inside typing may save twice: tests compare versions relative to this.
 */
async function savedVersion(page: Page, after = 0): Promise<number> {
  const indicator = page.getByTestId('save-indicator');
  let version = 0;
  await expect(async () => {
    const text = (await indicator.textContent()) ?? '';
    const match = /^Saved · version (\d+)$/.exec(text);
    expect(match).not.toBeNull();
    version = Number(match![1]);
    expect(version).toBeGreaterThan(after);
  }).toPass({ timeout: 15_000 });
  return version;
}

test('SOAP note: autosave versions, range flags, AI suggestions, diff and restore, signing and the lock', async ({
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  await newFromGallery(app, 'SOAP progress note');
  await saved(app, 1);

  const subjective = app.getByRole('textbox', { name: 'History and symptoms' });
  await subjective.click();
  await app.keyboard.type('Cough for three days, worse at night. No fever. Sleeping poorly.');
  const afterTyping = await savedVersion(app, 1);

  // A vital far outside its range is flagged, kept, and saved.
  const heartRate = app.getByLabel('Heart rate', { exact: true });
  await heartRate.fill('180');
  await expect(app.locator('[data-field-id="heartRate"]')).toContainText('Check value');
  await heartRate.fill('320');
  const hrField = app.locator('[data-field-id="heartRate"]');
  await expect(hrField).toContainText('Out of range');
  await expect(hrField).toContainText('320 /min is outside 10–300 /min');
  const afterVitals = await savedVersion(app, afterTyping);
  await app.reload();
  await expect(app.getByLabel('Heart rate', { exact: true })).toHaveValue('320');
  await expect(app.locator('[data-field-id="heartRate"]')).toContainText('Out of range');
  await shot(app, testInfo, 'editor-soap-en');

  // AI assist: a suggestion, never written silently; reject, then accept with provenance.
  const subjectiveSection = app.locator('[data-section="subjective"]');
  await subjectiveSection.getByRole('button', { name: /AI assist/ }).click();
  await app.getByRole('menuitem', { name: 'Summarize pasted source' }).click();
  const suggestion = subjectiveSection.locator('.suggestion');
  await expect(suggestion).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(suggestion).toContainText('builtin');
  await shot(app, testInfo, 'editor-ai-suggestion-en');
  await suggestion.getByRole('button', { name: 'Reject' }).click();
  await expect(suggestion).toHaveCount(0);
  await expect(subjective.locator('.ai-text')).toHaveCount(0);

  await subjectiveSection.getByRole('button', { name: /AI assist/ }).click();
  await app.getByRole('menuitem', { name: 'Summarize pasted source' }).click();
  await expect(suggestion).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await suggestion.getByRole('button', { name: 'Accept' }).click();
  const aiText = subjective.locator('.ai-text').first();
  await expect(aiText).toBeVisible();
  await expect(aiText).toHaveAttribute('title', /AI · builtin:summarize \(builtin\)/);
  const afterAi = await savedVersion(app, afterVitals);

  // Versions: readable diff, and restore an earlier version as a new one.
  await app.getByRole('button', { name: 'Versions' }).click();
  const panel = app.locator('.versions-panel');
  await panel
    .locator(`[data-version="${afterVitals}"]`)
    .getByRole('button', { name: 'Compare with previous' })
    .click();
  await expect(panel.locator('.diff [data-field-id="heartRate"] ins')).toHaveText(/320 \/min/);
  await panel.locator(`[data-version="${afterTyping}"]`).getByRole('button', { name: 'Restore' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
  await saved(app, afterAi + 1);
  await expect(app.getByLabel('Heart rate', { exact: true })).toHaveValue('');
  await expect(subjective.locator('.ai-text')).toHaveCount(0);
  await shot(app, testInfo, 'editor-versions-en');
  await panel.getByRole('button', { name: 'Close' }).click();

  // Fill what sign-off requires.
  await app.getByLabel('Date of visit').fill('2026-12-06');
  await app.getByLabel('Clinician', { exact: true }).fill('Dr Mei Li');
  await app.getByLabel('Systolic BP').fill('128');
  await app.getByLabel('Diastolic BP').fill('78');
  await app.getByLabel('Heart rate', { exact: true }).fill('72');
  await app.getByRole('textbox', { name: 'Assessment' }).click();
  await app.keyboard.type('Acute bronchitis, likely viral.');
  await app.getByRole('textbox', { name: 'Plan', exact: true }).click();
  await app.keyboard.type('Fluids, honey for cough, review in one week if not better.');
  await savedVersion(app, afterAi + 1);

  // Sign: a wrong passphrase is refused in the dialog, the right one locks the document.
  await app.getByRole('button', { name: 'Sign…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Sign this document' });
  await dialog.getByLabel('Vault passphrase (re-enter to sign)').fill('not my passphrase');
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('passphrase is not correct');
  await expect(app.getByText('Signed and locked.')).toHaveCount(0);
  await dialog.getByLabel('Vault passphrase (re-enter to sign)').fill(TEST_PASSPHRASE);
  await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(app.getByText(/Signed and locked/)).toBeVisible();
  await expect(app.getByTestId('signature-block')).toContainText('Author: local-user');
  await expect(app.getByLabel('Heart rate', { exact: true })).not.toBeEditable();
  await expect(app.getByRole('button', { name: 'Amend' })).toBeVisible();
  await shot(app, testInfo, 'editor-signed-en');

  await app.getByRole('button', { name: 'Amend' }).click();
  await expect(app.getByText(/Amendment of signed version/)).toBeVisible();
  await expect(app.getByLabel('Heart rate', { exact: true })).toBeEditable();
});

test('QC inspection: pass/fail per row and overall from nominal ± tolerance', async ({ app }, testInfo) => {
  await newFromGallery(app, 'QC inspection report');
  const table = app.locator('[data-field-id="measurements"]');
  const measured = (row: number) => table.locator(`tr[data-row="${row}"] input[data-col="measured"]`);
  const verdict = (row: number) => table.locator(`tr[data-row="${row}"] td[data-col="result"]`);
  await measured(0).fill('25.01');
  await measured(1).fill('120.3');
  await measured(2).fill('8.0');
  await expect(verdict(0)).toHaveText('PASS');
  await expect(verdict(1)).toHaveText('FAIL');
  await expect(verdict(2)).toHaveText('PASS');
  await expect(app.getByTestId('overall-measurements')).toContainText('FAIL');
  await measured(1).fill('120.1');
  await expect(verdict(1)).toHaveText('PASS');
  await expect(app.getByTestId('overall-measurements')).toContainText('PASS');
  await savedVersion(app, 1);
  await shot(app, testInfo, 'editor-qc-en');
});

test('the editor and gallery in Chinese', async ({ app }, testInfo) => {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: '简体中文' }).click();
  await nav(app).getByRole('link', { name: '模板' }).click();
  await expect(
    app.getByRole('heading', { name: '医疗' }).or(app.locator('#industry-healthcare')),
  ).toBeVisible();
  await shot(app, testInfo, 'gallery-zh-CN');
  await app.getByRole('button', { name: '使用模板: SOAP 病程记录' }).click();
  await expect(app.getByRole('heading', { name: '主观资料' })).toBeVisible();
  await app.getByLabel('心率').fill('320');
  await expect(app.locator('[data-field-id="heartRate"]')).toContainText('超出范围');
  await expect(app.getByTestId('save-indicator')).toHaveText(/^已保存 · 版本 [2-9]$/, { timeout: 15_000 });
  await shot(app, testInfo, 'editor-soap-zh-CN');
});

test.describe('pasting', () => {
  // The pasted <img onerror> is refused by the page's CSP, which Chromium reports on the console;
  // the test checks that those reports are the only console errors and nothing ran.
  test.use({ allowConsoleErrors: true });

  test('scripts in HTML are dropped, a 5 MB paste is refused with the limit', async ({
    app,
    consoleErrors,
  }) => {
    await newFromGallery(app, 'Business report');
    const findings = app.getByRole('textbox', { name: 'Findings', exact: true });
    await findings.click();
    // Page code as a string: the e2e sources are type-checked for Node, without the DOM's types.
    // Page code as a string: the e2e sources are type-checked for Node, without the DOM types.
    const paste = (data: Record<string, string>) =>
      app.evaluate(`(() => {
        const el = document.querySelector('[data-field-id="findings"] .rich-input');
        const transfer = new DataTransfer();
        for (const [type, value] of Object.entries(${JSON.stringify(data)})) transfer.setData(type, value);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      })()`);
    await paste({
      'text/html':
        '<p>Revenue grew <b>12%</b><script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"></p>',
      'text/plain': 'Revenue grew 12%',
    });
    await expect(findings).toContainText('Revenue grew 12%');
    await expect(findings.locator('script, img, [onerror]')).toHaveCount(0);
    expect(await app.evaluate('window.__pwned')).toBeUndefined();
    await savedVersion(app, 1);

    await paste({ 'text/plain': 'x'.repeat(5 * 1024 * 1024) });
    await expect(app.locator('[data-field-id="findings"]').getByRole('alert')).toContainText(
      'That paste is 5.0 MB',
    );
    await expect(findings).not.toContainText('xxxxxxxxxx');
    expect(consoleErrors.every((e) => e.includes('Content Security Policy'))).toBe(true);
  });
});

test('the editor strings: same keys in EN and zh-CN, none empty', async () => {
  const read = async (file: string) =>
    JSON.parse(
      await readFile(new URL(`../../renderer/src/features/editor/i18n/${file}`, import.meta.url), 'utf8'),
    ) as Tree;
  const en = await read('en.json');
  const zh = await read('zh-CN.json');
  type Tree = { [key: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): Map<string, string> =>
    new Map(
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === 'string' ? [[`${prefix}${k}`, v] as const] : [...leaves(v, `${prefix}${k}.`)],
      ),
    );
  const a = leaves(en);
  const b = leaves(zh);
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [key, value] of b) {
    expect(value, key).not.toBe('');
    expect(value.match(/\{\{\w+\}\}/g)?.sort() ?? [], key).toEqual(
      a
        .get(key)!
        .match(/\{\{\w+\}\}/g)
        ?.sort() ?? [],
    );
  }
});
