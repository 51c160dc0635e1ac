/**
 * The vault as a user meets it: first-run setup, the unlock screen (wrong passphrase, back-off,
 * damage), locking by hand and by the idle timer, the real documents list, and Settings → Vault &
 * security. Everything runs against the real core and vault (real scrypt); screenshots of each
 * screen in both languages are kept as artifacts.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { demoTitles, expect, nav, openGate, TEST_PASSPHRASE, test, unlockInUi } from './fixtures';

const HARNESS_REASON = 'The browser harness cannot reach the OS keystore; the desktop app can.';
const WEAK = 'qwertyuiop12';
const NEW_PASSPHRASE = 'maple window river 93 kettle';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function switchGateLanguage(page: Page, name: 'English' | '简体中文') {
  await page.getByRole('radio', { name }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'zh-CN');
}

async function shot(page: Page | Locator, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

test.describe('first run', () => {
  test.use({ vault: 'none' });

  test('a weak passphrase keeps Create disabled with the reason; a strong one creates the vault', async ({
    page,
    harness,
  }, testInfo) => {
    await openGate(page, harness);
    await expect(heading(page)).toHaveText('Create your vault');
    // Only the gate: no sections to reach, but the status bar and the language switch are there.
    await expect(nav(page)).toHaveCount(0);
    await expect(page.getByRole('contentinfo')).toContainText('Vault not set up');
    await expect(page.getByRole('radio', { name: '简体中文' })).toBeVisible();
    await expect(page.getByLabel('Passphrase', { exact: true })).toBeFocused();
    await expect(page.getByRole('note')).toContainText('There is no way to recover a forgotten passphrase');
    await expect(page.getByRole('note')).toContainText('recovery key');

    // The browser harness has no OS keystore: the option is there, disabled, with the reason.
    const keystore = page.getByRole('checkbox', { name: 'Also unlock with the OS keystore' });
    await expect(keystore).toBeDisabled();
    await expect(keystore).toHaveAccessibleDescription(HARNESS_REASON);

    const create = page.getByRole('button', { name: 'Create vault' });
    await expect(create).toBeDisabled();
    await expect(create).toHaveAccessibleDescription('Enter a passphrase to continue.');

    await page.getByLabel('Passphrase', { exact: true }).fill(WEAK);
    await page.getByLabel('Confirm passphrase').fill(WEAK);
    const meter = page.getByRole('meter', { name: 'Passphrase strength' });
    await expect(meter).toHaveAttribute('aria-valuetext', 'Weak');
    await expect(page.getByText('Strength: Weak')).toBeVisible();
    await expect(page.getByText('This is similar to a commonly used password.')).toBeVisible();
    await expect(create).toBeDisabled();
    await expect(create).toHaveAccessibleDescription(
      'This passphrase is too weak to protect the vault. Make it longer or less predictable.',
    );
    await shot(page, testInfo, 'en-setup-weak');

    await page.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await expect(meter).toHaveAttribute('aria-valuetext', 'Very strong');
    await expect(create).toHaveAccessibleDescription('The two passphrases do not match.');
    await expect(create).toBeDisabled();
    await page.getByLabel('Confirm passphrase').fill(TEST_PASSPHRASE);
    await expect(create).toBeEnabled();
    await shot(page, testInfo, 'en-setup-strong');
    await create.click();

    // Straight into the app, on the Documents empty state, focus on its heading.
    await expect(heading(page)).toHaveText('Documents', { timeout: 20_000 });
    await expect(heading(page)).toBeFocused();
    await expect(page.getByRole('main')).toContainText('No documents yet — create one from a template');
    await expect(page.getByRole('contentinfo')).toContainText('Vault unlocked');
    expect((await harness.core.vault.state()).state).toBe('unlocked');
  });

  test('the setup screen in Chinese: translated levels, hint and keystore reason', async ({
    page,
    harness,
  }, testInfo) => {
    await openGate(page, harness);
    await switchGateLanguage(page, '简体中文');
    await expect(heading(page)).toHaveText('创建您的保险库');
    await expect(page.getByRole('contentinfo')).toContainText('未设置保险库');
    const keystore = page.getByRole('checkbox', { name: '同时使用操作系统密钥库解锁' });
    await expect(keystore).toBeDisabled();
    await expect(keystore).toHaveAccessibleDescription(`此处无法使用操作系统密钥库。 (${HARNESS_REASON})`);
    await expect(page.getByRole('note')).toContainText('忘记的密码短语无法找回');

    await page.getByLabel('密码短语', { exact: true }).fill(WEAK);
    await expect(page.getByText('强度：弱')).toBeVisible();
    // The core's advice is English; Chinese gets its own general hint instead.
    await expect(page.getByText('请使用更长的密码短语')).toBeVisible();
    await expect(page.getByText('This is similar to a commonly used password.')).toHaveCount(0);
    const create = page.getByRole('button', { name: '创建保险库' });
    await expect(create).toBeDisabled();
    await expect(create).toHaveAccessibleDescription(/此密码短语太弱/);
    await shot(page, testInfo, 'zh-CN-setup-weak');

    await page.getByLabel('密码短语', { exact: true }).fill(TEST_PASSPHRASE);
    await page.getByLabel('确认密码短语').fill(TEST_PASSPHRASE);
    await expect(page.getByText('强度：非常强')).toBeVisible();
    await create.click();
    await expect(heading(page)).toHaveText('文档', { timeout: 20_000 });
  });
});

test.describe('locking and unlocking', () => {
  test('Lock returns to the unlock screen; a wrong passphrase is counted; the right one opens', async ({
    app,
  }, testInfo) => {
    await app.getByRole('button', { name: 'Lock vault' }).click();
    await expect(heading(app)).toHaveText('Unlock your vault');
    await expect(nav(app)).toHaveCount(0);
    await expect(app.getByRole('contentinfo')).toContainText('Vault locked');
    const field = app.getByLabel('Passphrase', { exact: true });
    await expect(field).toBeFocused();
    // No keystore method on this vault, so no keystore button.
    await expect(app.getByRole('button', { name: 'Unlock with OS keystore' })).toHaveCount(0);

    await field.fill('not the passphrase at all');
    await app.getByRole('button', { name: 'Unlock' }).click();
    const alert = app.getByRole('alert');
    await expect(alert).toContainText('Wrong passphrase', { timeout: 20_000 });
    await expect(alert).toContainText('Failed attempts: 1. The vault was not changed.');
    await expect(field).toBeFocused();
    await field.fill('still not it');
    await field.press('Enter');
    await expect(alert).toContainText('Failed attempts: 2.', { timeout: 20_000 });
    await shot(app, testInfo, 'en-unlock-wrong');

    await unlockInUi(app);
    await expect(heading(app)).toHaveText('Documents');
    await expect(heading(app)).toBeFocused();

    // Ctrl+L locks from anywhere in the frame.
    await nav(app).getByRole('link', { name: 'Settings' }).click();
    await app.keyboard.press('Control+L');
    await expect(heading(app)).toHaveText('Unlock your vault');
    await unlockInUi(app);
    await expect(heading(app)).toHaveText('Settings');
  });

  test('the unlock screen in Chinese', async ({ app }, testInfo) => {
    await app.keyboard.press('Control+L');
    await expect(heading(app)).toHaveText('Unlock your vault');
    await switchGateLanguage(app, '简体中文');
    await expect(heading(app)).toHaveText('解锁您的保险库');
    await expect(app.getByRole('contentinfo')).toContainText('保险库已锁定');
    await app.getByLabel('密码短语', { exact: true }).fill('wrong wrong wrong');
    await app.getByRole('button', { name: '解锁' }).click();
    await expect(app.getByRole('alert')).toContainText('密码短语错误', { timeout: 20_000 });
    await expect(app.getByRole('alert')).toContainText('失败次数：1。');
    await shot(app, testInfo, 'zh-CN-unlock-wrong');
    await unlockInUi(app);
    await expect(heading(app)).toHaveText('文档');
  });

  test('keys and clicks postpone the idle lock, at most once every 30 seconds', async ({ page, harness }) => {
    let touches = 0;
    const touch = harness.core.vault.touch.bind(harness.core.vault);
    harness.core.vault.touch = () => {
      touches += 1;
      return touch();
    };
    await page.clock.install();
    await page.goto(harness.url);
    await expect(heading(page)).toHaveText('Documents');

    await page.keyboard.press('Tab');
    await expect.poll(() => touches).toBe(1);
    await page.keyboard.press('Tab');
    await page.getByRole('main').click();
    await page.keyboard.press('Shift+Tab');
    await page.waitForTimeout(300);
    expect(touches).toBe(1);

    await page.clock.fastForward(31_000);
    await page.getByRole('main').click();
    await expect.poll(() => touches).toBe(2);
  });

  test('after five wrong passphrases the Unlock button waits out a countdown', async ({
    page,
    harness,
  }, testInfo) => {
    test.setTimeout(120_000);
    await page.clock.install();
    await harness.core.vault.lock();
    await openGate(page, harness);
    const field = page.getByLabel('Passphrase', { exact: true });
    const unlock = page.getByRole('button', { name: 'Unlock' });
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await field.fill(`wrong passphrase number ${attempt}`);
      await unlock.click();
      await expect(page.getByRole('alert').first()).toContainText(`Failed attempts: ${attempt}.`, {
        timeout: 20_000,
      });
    }
    const wait = page.getByRole('alert').filter({ hasText: 'Too many wrong passphrases' });
    await expect(wait).toContainText('You can try again in');
    await expect(page.getByRole('timer')).toHaveText(/^0:[0-3]\d$/);
    await expect(unlock).toBeDisabled();
    await shot(page, testInfo, 'en-unlock-countdown');

    // A reload still knows: the wait comes from vault.state, not from this page's memory.
    await page.reload();
    await expect(heading(page)).toHaveText('Unlock your vault');
    await expect(page.getByRole('timer')).toHaveText(/^0:[0-3]\d$/);
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeDisabled();

    // When the countdown ends (the page's clock moved on), the button comes back.
    await page.clock.fastForward(31_000);
    await expect(page.getByRole('status').filter({ hasText: 'You can try again now.' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unlock' })).toBeEnabled();
  });
});

test.describe('documents', () => {
  test.use({ demoDocuments: true });

  test('the list shows the demo documents, and the search narrows it', async ({ app }, testInfo) => {
    const main = app.getByRole('main');
    const rows = main.getByRole('table').getByRole('row');
    await expect(main).toContainText(`Documents: ${demoTitles.length}`);
    await expect(rows).toHaveCount(demoTitles.length + 1);
    for (const title of demoTitles) await expect(main.getByRole('cell', { name: title })).toBeVisible();

    const soap = rows.filter({ hasText: 'SOAP progress note' });
    await expect(soap).toContainText('Healthcare');
    await expect(soap).toContainText('Protected health information');
    await expect(soap).toContainText('v2'); // saved, then revised once
    await expect(soap).toHaveClass(/row-phi/);
    await expect(main.getByText('Protected health information')).toHaveCount(2);
    await shot(app, testInfo, 'en-documents');

    const search = app.getByRole('searchbox', { name: 'Search documents' });
    await search.fill('pneumonia');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Discharge summary — community-acquired pneumonia');
    await expect(main).toContainText('Found for “pneumonia”: 1');
    await shot(app, testInfo, 'en-documents-search');

    await search.fill('zzqxv');
    await expect(main).toContainText('No documents match your search');
    await expect(main).toContainText('Nothing in the vault contains “zzqxv”.');

    await app.getByRole('button', { name: 'Clear search' }).click();
    await expect(rows).toHaveCount(demoTitles.length + 1);
    await expect(search).toHaveValue('');
  });

  test('the idle lock in main returns the UI to the unlock screen and drops the documents', async ({
    app,
    harness,
  }) => {
    await expect(app.getByRole('cell', { name: demoTitles[0] })).toBeVisible();

    // What the idle timer does when it fires; nothing happens in the page.
    await harness.core.vault.lock();
    await expect(heading(app)).toHaveText('Unlock your vault');
    await expect(app.getByText(demoTitles[0]!)).toHaveCount(0);
    await expect(app.getByRole('table')).toHaveCount(0);
    await expect(app.getByRole('alert')).toHaveCount(0); // no "the vault is locked" errors either

    await unlockInUi(app);
    await expect(app.getByRole('cell', { name: demoTitles[0] })).toBeVisible();
  });

  test('the list in Chinese', async ({ app }, testInfo) => {
    await nav(app).getByRole('link', { name: 'Settings' }).click();
    await app.getByRole('radio', { name: '简体中文' }).click();
    await nav(app).getByRole('link', { name: '文档' }).click();
    const main = app.getByRole('main');
    await expect(main).toContainText(`文档数：${demoTitles.length}`);
    await expect(main.getByText('受保护的健康信息')).toHaveCount(2);
    await expect(main.getByRole('columnheader', { name: '最后修改' })).toBeVisible();
    await shot(app, testInfo, 'zh-CN-documents');
    await app.getByRole('searchbox', { name: '搜索文档' }).fill('weld');
    await expect(main).toContainText('“weld”的搜索结果：1');
  });
});

async function openVaultSettings(app: Page): Promise<Locator> {
  await nav(app)
    .getByRole('link', { name: /^(Settings|设置)$/ })
    .click();
  const panel = app.getByRole('region', { name: /^(Vault & security|保险库与安全)$/ });
  await expect(panel).toBeVisible();
  return panel;
}

const fact = (panel: Locator, name: string) =>
  panel
    .locator('.vault-facts > div')
    .filter({ has: panel.page().getByText(name, { exact: true }) })
    .locator('dd');

test.describe('settings: vault & security', () => {
  // Tall enough to see the whole panel in the screenshots.
  test.use({ viewport: { width: 1280, height: 1600 } });

  test('change the passphrase, then lock and unlock with the new one', async ({ app }) => {
    test.setTimeout(90_000);
    const panel = await openVaultSettings(app);
    await panel.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(panel.getByLabel('Current passphrase')).toBeFocused();
    const save = panel.getByRole('button', { name: 'Save new passphrase' });
    await expect(save).toHaveAccessibleDescription('Enter the current passphrase.');

    await panel.getByLabel('Current passphrase').fill('not the current one');
    await panel.getByLabel('New passphrase', { exact: true }).fill(NEW_PASSPHRASE);
    await panel.getByLabel('Confirm new passphrase').fill(NEW_PASSPHRASE);
    await expect(panel.getByText('Strength: Very strong')).toBeVisible();
    await save.click();
    await expect(panel.getByRole('alert')).toContainText('The current passphrase is not correct', {
      timeout: 20_000,
    });

    await panel.getByLabel('Current passphrase').fill(TEST_PASSPHRASE);
    await save.click();
    await expect(panel.getByRole('status').filter({ hasText: 'Passphrase changed.' })).toBeVisible({
      timeout: 20_000,
    });
    await expect(panel.getByLabel('Current passphrase')).toHaveCount(0);

    await app.getByRole('button', { name: 'Lock vault' }).click();
    await expect(heading(app)).toHaveText('Unlock your vault');
    await app.getByLabel('Passphrase', { exact: true }).fill(TEST_PASSPHRASE);
    await app.getByRole('button', { name: 'Unlock' }).click();
    await expect(app.getByRole('alert')).toContainText('Wrong passphrase', { timeout: 20_000 });
    await unlockInUi(app, NEW_PASSPHRASE);
    await expect(heading(app)).toHaveText('Settings');
  });

  test.describe('with documents', () => {
    test.use({ demoDocuments: true });

    test('stats, idle lock, rotate the data key, re-encrypt with progress', async ({
      app,
      harness,
    }, testInfo) => {
      test.setTimeout(90_000);
      const panel = await openVaultSettings(app);
      await expect(panel).toContainText('Locks after 10 minutes without activity.');
      await expect(fact(panel, 'Documents')).toHaveText(String(demoTitles.length));
      await expect(fact(panel, 'Size on disk')).toHaveText(/^[\d.,]+ (byte|kB|MB)$/);
      await expect(fact(panel, 'Journal records')).toHaveText(/^\d+$/);
      const before = Number(await fact(panel, 'Data keys').textContent());
      expect(before).toBeGreaterThan(0);

      await panel.getByRole('button', { name: 'Rotate data key' }).click();
      await expect(panel.getByRole('status').filter({ hasText: 'New data key in use.' })).toContainText(
        `Data keys in the vault: ${before + 1}.`,
      );
      await expect(fact(panel, 'Data keys')).toHaveText(String(before + 1));

      await panel.getByRole('button', { name: 'Re-encrypt everything' }).click();
      const bar = panel.getByRole('progressbar', { name: 'Re-encryption progress' });
      await expect(bar).toBeVisible();
      await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
      await expect(
        panel.getByRole('status').filter({ hasText: /^Done: \d+ files? re-encrypted/ }),
      ).toBeVisible();
      await expect(bar).toHaveAttribute('aria-valuetext', /^(\d+) of \1 files$/);
      expect(harness.core.router.activeSubscriptions()).toBe(1); // the stream ended; only the status bar's
      await shot(panel, testInfo, 'en-settings-vault');
    });
  });

  test('removing the last unlock method is refused, in words; the keystore cannot be added here', async ({
    app,
    harness,
  }, testInfo) => {
    const panel = await openVaultSettings(app);
    const methods = panel.getByRole('group', { name: 'Unlock methods' });
    await expect(methods.getByRole('listitem')).toHaveCount(1);
    await expect(methods.getByRole('listitem')).toContainText('Passphrase');
    await expect(methods.getByRole('listitem')).toContainText(/Added \w{3} \d{1,2}, \d{4}/);

    const add = panel.getByRole('button', { name: 'Add OS keystore' });
    await expect(add).toBeDisabled();
    await expect(add).toHaveAccessibleDescription(HARNESS_REASON);

    // Escape backs out of the question without doing anything.
    await methods.getByRole('button', { name: 'Remove Passphrase' }).click();
    const dialog = app.getByRole('dialog', { name: 'Remove Passphrase?' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);

    await methods.getByRole('button', { name: 'Remove Passphrase' }).click();
    await dialog.getByRole('button', { name: 'Remove' }).click();
    const alert = methods.getByRole('alert');
    await expect(alert).toContainText('This unlock method cannot be removed');
    await expect(alert).toContainText("It is the vault's last passphrase or recovery method");
    await expect(methods.getByRole('listitem')).toHaveCount(1);
    expect((await harness.core.vault.state()).methods).toHaveLength(1);
    await shot(panel, testInfo, 'en-settings-remove-refused');

    await app.getByRole('radio', { name: '简体中文' }).click();
    const zhPanel = await openVaultSettings(app);
    await expect(zhPanel).toContainText('无操作 10 分钟后自动锁定。');
    await expect(zhPanel.getByRole('alert')).toContainText('无法移除此解锁方式');
    await shot(zhPanel, testInfo, 'zh-CN-settings-vault');
  });
});

test.describe('a damaged vault', () => {
  test.use({ vault: 'locked' });

  test('names the damaged file and says what to do', async ({ page, harness }, testInfo) => {
    // The failed-attempt counter is checksummed; garbage in it is damage the core must report.
    const attempts = join(harness.dataDir, 'vault', 'vault.attempts');
    await writeFile(attempts, 'garbage\n');
    try {
      await openGate(page, harness);
      await expect(heading(page)).toHaveText('A vault file is damaged');
      const main = page.getByRole('main');
      await expect(main).toContainText('Damaged file: vault.attempts');
      await expect(main).toContainText('Contact your IT team');
      await expect(main.locator('code', { hasText: 'starring vault verify' })).toBeVisible();
      await expect(nav(page)).toHaveCount(0);
      await shot(page, testInfo, 'en-damaged');
      await switchGateLanguage(page, '简体中文');
      await expect(heading(page)).toHaveText('保险库文件已损坏');
      await expect(main).toContainText('损坏的文件：');
      await expect(main.locator('code', { hasText: 'vault.attempts' })).toBeVisible();
      await shot(page, testInfo, 'zh-CN-damaged');
    } finally {
      // The core's close() reads the counter too (core.close → vault.lock → vault.state).
      await rm(attempts, { force: true });
    }
  });
});
