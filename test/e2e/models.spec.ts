/**
 * The Models view against the real core with real tiny ONNX packs (models-fixtures.ts): the
 * packs table, Verify streaming progress to a result (and naming a damaged file), the Test prompt
 * running the tiny GPT-2 on this device, the empty state, and screenshots in both languages.
 */
import type { Page } from '@playwright/test';
import { DAMAGED_FILE, expect, expectSameKeys, nav, test } from './models-fixtures';

const GPT2 = 'Tiny GPT-2 chat (test)';
const BERT = 'Tiny BERT (embeddings, test)';

async function openModels(app: Page, name = 'Models'): Promise<void> {
  await nav(app).getByRole('link', { name }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(name);
}

/** The table row of one pack, found by its id. */
function packRow(app: Page, id: string) {
  return app.getByRole('row').filter({ has: app.getByText(id, { exact: true }) });
}

test('lists the tiny packs with their tasks, sizes, origin and approval', async ({ app }) => {
  await openModels(app);
  const table = app.getByRole('table', { name: 'Model packs found on this device' });
  await expect(table).toBeVisible();

  const gpt2 = packRow(app, 'tiny-gpt2');
  await expect(gpt2).toHaveCount(1);
  await expect(gpt2).toContainText(GPT2);
  await expect(gpt2.getByRole('listitem')).toHaveText(['Chat', 'Text generation']);
  await expect(gpt2.getByRole('cell').nth(1)).toHaveText(/^\d+(\.\d)? (kB|MB)$/);
  await expect(gpt2).toContainText('Not checked yet');
  await expect(gpt2).toContainText('Approved');
  await expect(gpt2).toContainText('Signature: Unsigned');
  await expect(gpt2).toContainText('Installed with the app');
  await expect(gpt2).toContainText('Not used yet');

  const bert = packRow(app, 'tiny-bert');
  await expect(bert).toHaveCount(1);
  await expect(bert).toContainText(BERT);
  await expect(bert.getByRole('listitem')).toHaveText(['Embeddings (search)']);
  await expect(bert.getByRole('cell').nth(1)).toHaveText(/^\d+(\.\d)? (kB|MB)$/);
  // Only packs that generate text get a Test prompt box.
  await expect(bert.getByRole('button', { name: /Test prompt/ })).toHaveCount(0);
  await expect(gpt2.getByRole('button', { name: `Test prompt for ${GPT2}` })).toBeVisible();
});

test('Verify streams progress and ends "Verified"', async ({ app }) => {
  await openModels(app);
  const row = packRow(app, 'tiny-gpt2');
  await row.getByRole('button', { name: `Verify ${GPT2}` }).click();

  const progress = app.getByRole('progressbar', { name: `Checking the files of ${GPT2}` });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(progress).toHaveAttribute('aria-valuetext', /^[\d.]+ kB of [\d.]+ kB$/);
  await expect(row).toContainText('Verified');
  await expect(row).toContainText('All files match their checksums.');
  // The list was read again: the core now reports the pack as verified too.
  await expect(row.getByText('Verify', { exact: true })).toBeEnabled();
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(packRow(app, 'tiny-gpt2')).toContainText('Verified');
});

test.describe('a damaged pack', () => {
  test.use({ modelPacks: 'damaged' });

  test('Verify fails and names the file that does not match', async ({ app }) => {
    await openModels(app);
    const row = packRow(app, 'tiny-bert');
    await row.getByRole('button', { name: `Verify ${BERT}` }).click();
    await expect(row.getByText('Failed', { exact: true })).toBeVisible();
    await expect(row.getByRole('status')).toContainText('Verification failed:');
    await expect(row.getByRole('status')).toContainText(DAMAGED_FILE);
    await expect(row.getByRole('progressbar')).toHaveClass(/progress-failed/);
  });
});

test('a test prompt runs the tiny GPT-2 here and reports its speed', async ({ app }) => {
  await openModels(app);
  const row = packRow(app, 'tiny-gpt2');
  const toggle = row.getByRole('button', { name: `Test prompt for ${GPT2}` });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');

  const panel = app.getByRole('region', { name: `Test ${GPT2}` });
  await expect(panel.getByLabel('Prompt')).toHaveValue('Write one sentence about the sea.');
  await panel.getByRole('button', { name: 'Run' }).click();

  // Random weights: the words are gibberish; that there are words, and a speed, is the point.
  const reply = panel.getByTestId('test-reply');
  await expect(reply).not.toBeEmpty({ timeout: 30_000 });
  expect((await reply.innerText()).trim().length).toBeGreaterThan(0);
  await expect(panel).toContainText(/[\d,]+(\.\d)? tokens\/s/);
  await expect(panel).toContainText(/\d+ tokens in [\d,]+ ms · first token after [\d,]+ ms/);
  // The table now shows the measured speed and the last use.
  await expect(packRow(app, 'tiny-gpt2')).toContainText(/Last used/);
  await expect(packRow(app, 'tiny-gpt2')).toContainText(/[\d,]+(\.\d)? tokens\/s/);
});

test.describe('no pack anywhere', () => {
  test.use({ modelPacks: 'none' });

  test('says where packs are looked for and how IT adds one', async ({ app }) => {
    await openModels(app);
    const main = app.getByRole('main');
    await expect(main.getByRole('heading', { name: 'No model packs found' })).toBeVisible();
    await expect(main).toContainText('The models folder installed with the app');
    await expect(main).toContainText('ModelDirectory');
    await expect(main).toContainText('The models folder inside your own StarRing data folder');
    await expect(main.locator('code')).toHaveText('starring models pack DIR');
    await expect(app.getByRole('table')).toHaveCount(0);
  });
});

test.describe('screenshots', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  for (const locale of ['en', 'zh-CN'] as const) {
    test(`the Models view after Verify and a test prompt, ${locale}`, async ({ app }, testInfo) => {
      if (locale === 'zh-CN') {
        await nav(app).getByRole('link', { name: 'Settings' }).click();
        await app.getByRole('radio', { name: '简体中文' }).click();
        await expect(app.getByRole('heading', { level: 1 })).toHaveText('设置');
      }
      const zh = locale === 'zh-CN';
      await openModels(app, zh ? '模型' : 'Models');
      const row = packRow(app, 'tiny-gpt2');
      await row.getByRole('button', { name: zh ? `校验 ${GPT2}` : `Verify ${GPT2}` }).click();
      await expect(row).toContainText(zh ? '所有文件均与校验和一致。' : 'All files match their checksums.');
      await row
        .getByRole('button', { name: zh ? `测试 ${GPT2} 的提示词` : `Test prompt for ${GPT2}` })
        .click();
      const panel = app.getByRole('region', { name: zh ? `测试 ${GPT2}` : `Test ${GPT2}` });
      await panel.getByRole('button', { name: zh ? '运行' : 'Run' }).click();
      await expect(panel.getByTestId('test-reply')).not.toBeEmpty({ timeout: 30_000 });
      await expect(packRow(app, 'tiny-gpt2')).toContainText(zh ? '词元/秒' : 'tokens/s');
      const height = Number(await app.evaluate('document.querySelector(".main-column").scrollHeight'));
      await app.setViewportSize({ width: 1280, height: Math.max(900, height + 40) });
      await app.screenshot({ path: testInfo.outputPath(`models-${locale}.png`) });
    });
  }
});

test('the Models strings: same keys and placeholders in EN and zh-CN, none empty', () => {
  expectSameKeys('models');
});
