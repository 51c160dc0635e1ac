/**
 * The Policy view (what is in force, what you may do and why) and Settings → "Managed by your
 * organisation", against the real core: the built-in policy, a signed sample bundle loaded from
 * the data folder, a refused one, and managed configuration injected as the OS readers would
 * deliver it. Screenshots in both languages are kept as artifacts.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { repoRoot } from '../../main/core/app/app-version';
import type { ManagedLayer } from '../../main/core/managed-config/managed-config.resolve';
import { createTestVault, expect, nav, test as base, useRunningHarness } from './fixtures';

const REGISTRY_SOURCE = 'HKLM\\SOFTWARE\\Policies\\StarRing\\Workspace';
const SAMPLE_BUNDLE = join(repoRoot, 'policies', 'healthcare', 'healthcare.signed.json');
const DEMO_PUBLIC_KEY = join(repoRoot, 'policies', 'demo-key', 'DEMO-ONLY-policy-key.pub.pem');

/**
 * The shared fixtures' harness, with two more things set up before the core starts: managed
 * configuration (as a registry/plist/JSON reader would hand it over; none by default, so the
 * host's own /etc/starring/managed.json cannot change the answers) and a policy bundle saved in
 * the data folder as if an earlier run had accepted it.
 */
const test = base.extend<{ managedLayers: ManagedLayer[]; savedBundle: string | null }>({
  managedLayers: [[], { option: true }],
  savedBundle: [null, { option: true }],

  harness: async ({ managedLayers, savedBundle }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'starring-e2e-policy-'));
    if (savedBundle !== null) {
      const state = {
        lastGood: { raw: savedBundle, receivedAt: new Date().toISOString() },
        highestVersion: 1,
      };
      await writeFile(join(dataDir, 'policy-state.json'), JSON.stringify(state));
    }
    await useRunningHarness(
      dataDir,
      { managedSource: { read: () => Promise.resolve(managedLayers) } },
      createTestVault,
      use,
    );
  },
});

async function switchToChinese(app: Page): Promise<void> {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: '简体中文' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('设置');
}

async function openPolicy(app: Page, name: 'Policy' | '策略' = 'Policy'): Promise<void> {
  await nav(app).getByRole('link', { name }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(app.getByText(/Loading…|正在加载…/)).toHaveCount(0);
}

/** The whole scrolled page: the frame scrolls inside itself, so grow the window to the content first. */
async function screenshot(app: Page, testInfo: TestInfo, name: string): Promise<void> {
  const height = Number(await app.evaluate('document.querySelector(".main-column").scrollHeight'));
  await app.setViewportSize({ width: 1280, height: Math.max(800, height + 40) });
  const path = testInfo.outputPath(`${name}.png`);
  await app.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

function matrix(app: Page) {
  return app.getByRole('table', { name: /Actions you may take|按文档密级列出/ });
}

function why(app: Page) {
  return app.getByTestId('policy-why');
}

test.describe('built-in policy', () => {
  test('the Policy view explains the built-in safe default and why PHI is not exported', async ({
    app,
  }, testInfo) => {
    await openPolicy(app);
    await expect(nav(app).getByRole('link', { name: 'Policy' })).toHaveAttribute(
      'aria-keyshortcuts',
      'Control+7',
    );
    await expect(app.getByTestId('policy-source')).toHaveText('Built-in safe default');
    await expect(app.getByTestId('policy-refusal')).toHaveCount(0);
    await expect(app.getByTestId('policy-expired')).toHaveCount(0);

    const settings = app.getByRole('region', { name: 'Settings this policy sets' });
    await expect(settings).toContainText('The vault locks after 10 minutes without activity.');
    await expect(settings).toContainText('Models: every model pack may run');
    await expect(settings).toContainText('on-prem AI server may not be used');
    const exports = app.getByTestId('policy-export-formats');
    await expect(exports).toContainText('Public: PDF, DOCX, Markdown, FHIR');
    await expect(exports).toContainText('PHI: no export');

    // Every cell is the policy's own answer, in words (an icon and "Allowed"/"Denied").
    const table = matrix(app);
    await expect(table.getByRole('button')).toHaveCount(40);
    await expect(table.getByRole('button', { name: 'Export as PDF, PHI: Denied' })).toBeVisible();
    await expect(table.getByRole('button', { name: 'Export as FHIR, PHI: Denied' })).toBeVisible();
    await expect(table.getByRole('button', { name: 'Export as PDF, Public: Allowed' })).toContainText(
      'Allowed',
    );
    await expect(table.getByRole('button', { name: 'Open, PHI: Allowed' })).toBeVisible();
    await expect(table.getByRole('button', { name: 'Export audit log, PHI: Allowed' })).toBeVisible();
    await expect(table.getByRole('button', { name: /: Denied$/ })).toHaveCount(4);

    // Click: why it is denied, and which policy decided.
    await expect(why(app)).toContainText('Select a cell');
    const phiPdf = table.getByRole('button', { name: 'Export as PDF, PHI: Denied' });
    await phiPdf.click();
    await expect(phiPdf).toHaveAttribute('aria-pressed', 'true');
    await expect(why(app)).toContainText('Why: Export as PDF · PHI');
    await expect(why(app)).toContainText(
      'Without an organisation policy, documents classified PHI cannot be exported.',
    );
    await expect(why(app).locator('code')).toHaveText('builtin-no-phi-export');

    // Keyboard: one cell in the Tab order, arrows move, Enter explains.
    const confidentialDocx = table.getByRole('button', { name: 'Export as DOCX, Confidential: Allowed' });
    await confidentialDocx.focus();
    await app.keyboard.press('ArrowUp');
    await expect(table.getByRole('button', { name: 'Export as PDF, Confidential: Allowed' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(why(app)).toContainText('You may work on your own documents.');
    await expect(why(app).locator('code')).toHaveText('builtin-own-documents');
    await app.keyboard.press('ArrowRight');
    await app.keyboard.press('ArrowDown');
    await expect(table.getByRole('button', { name: 'Export as DOCX, PHI: Denied' })).toBeFocused();
    await app.keyboard.press('Enter');
    await expect(why(app).locator('code')).toHaveText('builtin-no-phi-export');
    await expect(table.locator('button[tabindex="0"]')).toHaveCount(1);

    // Check an action: the what-if form, with the controls that do not apply disabled and saying why.
    const form = app.getByRole('form', { name: 'Check an action' });
    const result = app.getByTestId('policy-check-result');
    await form.getByLabel('Action').selectOption({ label: 'Export a document' });
    await form.getByLabel('Classification').selectOption({ label: 'PHI' });
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(result).toContainText('Denied');
    await expect(result).toContainText('documents classified PHI cannot be exported');
    await expect(result.locator('code')).toHaveText('builtin-no-phi-export');

    await form.getByLabel('Action').selectOption({ label: 'Edit a document' });
    await expect(form.getByLabel('Export format')).toBeDisabled();
    await expect(form).toContainText('Only exports have a format.');
    await form.getByRole('radio', { name: 'Signed' }).check();
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(result).toContainText('This document is signed, so it can no longer be edited.');
    await expect(result.locator('code')).toHaveText('builtin-signed-is-final');

    await form.getByLabel('Action').selectOption({ label: 'Open a document' });
    await form.getByRole('radio', { name: "Someone else's" }).check();
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(result).toContainText('Denied');
    await expect(result.locator('code')).toHaveText('default-deny');
    await expect(result).toContainText('No policy allows this, so it is denied by default.');

    await form.getByLabel('Action').selectOption({ label: 'View the audit log' });
    await expect(form.getByLabel('Classification')).toBeDisabled();
    await expect(form.getByRole('radio', { name: 'Mine' })).toBeDisabled();
    await expect(form).toContainText('This action is not about a document');
    await form.getByRole('button', { name: 'Check' }).click();
    await expect(result).toContainText("You may view and export this device's audit log.");

    // Back to the PHI cell for the picture.
    await phiPdf.click();
    await screenshot(app, testInfo, 'policy-builtin-en');
  });

  test('Ctrl+7 opens the Policy view and focuses its heading', async ({ app }) => {
    await app.keyboard.press('Control+7');
    const heading = app.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText('Policy');
    await expect(heading).toBeFocused();
    await expect(app).toHaveURL(/#\/policy$/);
  });

  test('in Chinese: the same answers, the built-in reasons in Chinese', async ({ app }, testInfo) => {
    await switchToChinese(app);
    await openPolicy(app, '策略');
    await expect(app.getByTestId('policy-source')).toHaveText('内置安全默认策略');
    await expect(app.getByTestId('policy-export-formats')).toContainText('PHI：不可导出');
    await expect(app.getByRole('main')).toContainText('无操作 10 分钟后锁定保险库。');

    const cell = matrix(app).getByRole('button', { name: '导出为 PDF，PHI：拒绝' });
    await cell.click();
    await expect(why(app)).toContainText('原因：导出为 PDF · PHI');
    await expect(why(app)).toContainText('在没有组织策略时，密级为 PHI 的文档不能导出。');
    await expect(why(app).locator('code')).toHaveText('builtin-no-phi-export');

    const form = app.getByRole('form', { name: '检查一个操作' });
    await form.getByLabel('操作').selectOption({ label: '导出文档' });
    await form.getByLabel('密级').selectOption({ label: 'PHI' });
    await form.getByRole('button', { name: '检查' }).click();
    await expect(app.getByTestId('policy-check-result')).toContainText('拒绝');
    await expect(app.getByTestId('policy-check-result')).toContainText('密级为 PHI 的文档不能导出');

    await cell.click();
    await screenshot(app, testInfo, 'policy-builtin-zh-CN');
  });

  test('Settings says nothing is managed when IT set nothing', async ({ app }) => {
    await nav(app).getByRole('link', { name: 'Settings' }).click();
    const panel = app.getByRole('region', { name: 'Managed by your organisation' });
    await expect(panel).toContainText('Nothing on this device is set by your organisation');
    await expect(panel.getByTestId('managed-problems')).toHaveCount(0);
    await panel.getByText(/^Other settings your organisation could manage \(\d+\)$/).click();
    await expect(panel.locator('tr[data-setting="IdleLockMinutes"]')).toContainText(
      'Your choice or the default',
    );
  });
});

test.describe('managed configuration', () => {
  test.use({
    managedLayers: [
      {
        scope: 'machine',
        source: REGISTRY_SOURCE,
        entries: { IdleLockMinutes: 5, ServerUrl: 'http://x' },
      },
    ],
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    test(`Settings shows the locked setting and the ignored one, ${locale}`, async ({ app }, testInfo) => {
      const zh = locale === 'zh-CN';
      if (zh) await switchToChinese(app);
      else await nav(app).getByRole('link', { name: 'Settings' }).click();

      const panel = app.getByRole('region', { name: zh ? '由您的组织管理' : 'Managed by your organisation' });
      const idle = panel.locator('tr[data-setting="IdleLockMinutes"]');
      await expect(idle).toHaveAttribute('data-locked', 'true');
      await expect(idle.getByRole('rowheader')).toContainText(
        zh ? '空闲锁定时间（分钟）' : 'Lock after idle minutes',
      );
      await expect(idle.getByRole('cell').first()).toHaveText('5');
      await expect(idle).toContainText(zh ? '由您的组织设定' : 'Set by your organisation');
      await expect(idle).toContainText(`${zh ? '来源：' : 'Source: '}${REGISTRY_SOURCE}`);
      await expect(idle.locator('svg')).toHaveCount(1); // the lock icon
      // Only the locked setting is in the main list; ServerUrl was ignored, so it is not locked.
      await expect(panel.locator('tr[data-locked="true"]')).toHaveCount(1);

      const problems = panel.getByTestId('managed-problems');
      await expect(problems).toContainText(
        zh ? '部分托管设置已被忽略' : 'Some managed settings were ignored',
      );
      await expect(problems).toContainText(zh ? '企业服务器地址' : 'Enterprise server URL');
      await expect(problems).toContainText(
        `${REGISTRY_SOURCE}: ServerUrl: "http://x" is not an https:// URL; the app only talks to servers over TLS; ignored.`,
      );

      // The vault really uses the managed value, and the Policy view says so next to the policy's.
      await expect(app.getByRole('main')).toContainText(
        zh ? '无操作 5 分钟后自动锁定。' : 'Locks after 5 minutes without activity.',
      );
      await panel.locator('summary').click();
      await expect(panel.locator('tr[data-setting="ServerUrl"]')).toContainText(
        zh ? '您的选择或默认值' : 'Your choice or the default',
      );
      await screenshot(app, testInfo, `managed-settings-${locale}`);

      await openPolicy(app, zh ? '策略' : 'Policy');
      await expect(app.getByRole('main')).toContainText(
        zh
          ? '在本设备上，组织的托管配置将其设为 5 分钟，以托管配置为准。'
          : "On this device your organisation's managed configuration sets 5 minutes instead",
      );
    });
  }
});

test.describe('signed organisation policy', () => {
  test.use({
    savedBundle: readFileSync(SAMPLE_BUNDLE, 'utf8'),
    managedLayers: [
      {
        scope: 'machine',
        source: '/etc/starring/managed.json',
        entries: { PolicyPublicKey: readFileSync(DEMO_PUBLIC_KEY, 'utf8'), TenantId: 'demo-hospital' },
      },
    ],
    // The local user has no role in the sample bundle, so the Documents list it opens on is denied.
    allowConsoleErrors: true,
  });

  test('the Policy view shows the bundle, its signer and settings, and explains its denials', async ({
    app,
  }, testInfo) => {
    const bundle = JSON.parse(await readFile(SAMPLE_BUNDLE, 'utf8')) as { keyId: string };
    await openPolicy(app);
    await expect(app.getByTestId('policy-source')).toHaveText('Signed organisation policy');
    const inForce = app.getByRole('region', { name: 'Policy in force' });
    await expect(inForce).toContainText('demo-hospital');
    await expect(inForce).toContainText(bundle.keyId);
    await expect(app.getByTestId('policy-expired')).toHaveCount(0);

    const settings = app.getByRole('region', { name: 'Settings this policy sets' });
    await expect(settings).toContainText('The vault locks after 5 minutes without activity.');
    await expect(settings).toContainText('Models: no model pack may run (the allowlist is empty).');
    await expect(settings).toContainText('on-prem AI server may be used');
    await expect(app.getByTestId('policy-export-formats')).toContainText('PHI: PDF, DOCX, FHIR');
    await expect(app.getByTestId('policy-export-formats')).toContainText('Confidential: PDF, DOCX');

    // This user holds no role the bundle grants work to: denied by default, and it says so.
    const cell = matrix(app).getByRole('button', { name: 'Open, Public: Denied' });
    await cell.click();
    await expect(why(app).locator('code')).toHaveText('default-deny');
    await expect(why(app)).toContainText('No policy allows this, so it is denied by default.');
    await screenshot(app, testInfo, 'policy-bundle-en');
  });
});

test.describe('refused bundle', () => {
  // The saved bundle is signed by a key this device does not trust (no PolicyPublicKey).
  test.use({ savedBundle: readFileSync(SAMPLE_BUNDLE, 'utf8') });

  test('the last refused bundle is shown in an amber banner; the built-in policy stays', async ({
    app,
  }, testInfo) => {
    await openPolicy(app);
    const banner = app.getByTestId('policy-refusal');
    await expect(banner).toContainText('A policy bundle was refused');
    await expect(banner.locator('code')).toHaveText('unknown-key');
    await expect(banner).toContainText('The saved policy bundle was not loaded');
    await expect(app.getByTestId('policy-source')).toHaveText('Built-in safe default');
    await screenshot(app, testInfo, 'policy-refused-en');
  });
});

test('the Policy view has the same keys and placeholders in both languages', async () => {
  type Tree = { [key: string]: string | Tree };
  const dir = join(repoRoot, 'renderer', 'src', 'features', 'policy', 'i18n');
  const flatten = (tree: Tree, prefix = ''): Map<string, string> =>
    new Map(
      Object.entries(tree).flatMap(([key, value]) =>
        typeof value === 'string'
          ? [[`${prefix}${key}`, value] as const]
          : [...flatten(value, `${prefix}${key}.`)],
      ),
    );
  const load = (file: string) => flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree);
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
  const en = load('en.json');
  const zh = load('zh-CN.json');
  expect([...zh.keys()]).toEqual([...en.keys()]);
  for (const [key, english] of en) {
    const chinese = zh.get(key) ?? '';
    expect(chinese.trim(), key).not.toBe('');
    expect(placeholders(chinese), key).toEqual(placeholders(english));
  }
});
