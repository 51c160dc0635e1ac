/**
 * Sync end to end: the real core and browser harness, with managed configuration pointing at a
 * real loopback HTTPS server (test/integration/sync-test-server.ts: TLS under a test tenant CA,
 * mutual TLS, chain verification, signed receipts). Settings → Organisation server enrolls with a
 * one-time code; the status bar follows the sync loop. Screenshots in EN and zh-CN are kept.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import type { CallContext } from '../../main/core/router/call-context';
import { startTestSyncServer, type TestSyncServer } from '../integration/sync-test-server';
import { createTestVault, expect, nav, test as base, useRunningHarness } from './fixtures';

const test = base.extend<{ syncServer: TestSyncServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern.
  syncServer: async ({}, use) => {
    const server = await startTestSyncServer({ tenant: 'st-mary-hospital' });
    await use(server);
    await server.stop().catch(() => undefined);
  },
  harness: async ({ syncServer }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'starring-e2e-sync-'));
    const entries = {
      ServerUrl: syncServer.url,
      TenantId: syncServer.tenant,
      ServerCaCertificate: syncServer.ca.certificatePem,
    };
    await useRunningHarness(
      dataDir,
      {
        managedSource: {
          read: () => Promise.resolve([{ scope: 'machine', source: 'test managed.json', entries }]),
        },
      },
      createTestVault,
      use,
    );
  },
});

const ctx: CallContext = { transport: 'browser-harness', actor: 'local-user', origin: 'e2e-setup' };

/** A screenshot with the Organisation server panel scrolled into view (the frame scrolls inside itself). */
async function keep(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.getByRole('region', { name: /^(Organisation server|组织服务器)$/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

async function openSettings(app: Page, name = 'Settings'): Promise<void> {
  await nav(app).getByRole('link', { name }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('enroll with a code, watch the status bar sync, and see it go offline when the server stops', async ({
  app,
  harness,
  syncServer,
}, testInfo) => {
  const bar = app.getByRole('contentinfo');
  await expect(bar).toContainText('Not enrolled');
  await openSettings(app);
  const panel = app.getByRole('region', { name: 'Organisation server' });
  await expect(panel).toBeVisible();

  // Managed configuration fills and locks the server and tenant.
  await expect(panel.getByLabel('Server URL')).toHaveValue(syncServer.url);
  await expect(panel.getByLabel('Server URL')).toHaveAttribute('readonly', '');
  await expect(panel.getByLabel('Tenant ID')).toHaveValue('st-mary-hospital');
  await expect(panel.getByText('Set by your organisation')).toHaveCount(2);

  // A wrong code is refused in words, by keyboard alone.
  await panel.getByLabel('Enrollment code').fill('wrong-code-0000');
  await panel.getByLabel('Enrollment code').press('Enter');
  await expect(panel.getByRole('alert')).toContainText(
    'The enrollment code is wrong, already used or expired',
  );
  await keep(app, testInfo, 'sync-en-wrong-code');

  await panel.getByLabel('Enrollment code').fill(syncServer.issueCode());
  await panel.getByRole('button', { name: 'Enroll this device' }).click();
  await expect(panel.getByText('This device is enrolled')).toBeVisible({ timeout: 20_000 });
  await expect(bar).toContainText('Online', { timeout: 20_000 });
  await expect(bar.getByTestId('status-waiting')).toBeVisible();

  // The app keeps recording acts; they wait for the next sync.
  await harness.core.router.invoke(ctx, 'settings.setLocale', { locale: 'en' });
  await harness.core.router.invoke(ctx, 'settings.setLocale', { locale: 'en' });
  await expect(bar.getByTestId('status-waiting')).toHaveText(/^[1-9]\d* entr(y|ies) waiting$/, {
    timeout: 10_000,
  });
  await keep(app, testInfo, 'sync-en-waiting');

  await panel.getByRole('button', { name: 'Sync now' }).click();
  await expect(panel.getByText('Synced.')).toBeVisible({ timeout: 20_000 });
  await expect(bar.getByTestId('status-waiting')).toHaveText('0 entries waiting', { timeout: 10_000 });
  await expect(bar.getByTestId('status-last-sync')).toContainText('Last sync');
  await expect(panel.getByTestId('sync-waiting')).toHaveText('0');
  await keep(app, testInfo, 'sync-en-enrolled');
  const device = (await panel.locator('code').last().textContent()) ?? '';
  expect(syncServer.entriesOf(device).length).toBeGreaterThan(0);

  // On a managed device only IT may remove the enrollment: the policy says no, in words.
  await panel.getByRole('button', { name: 'Remove enrollment' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Remove enrollment' }).click();
  await expect(panel.getByRole('alert')).toContainText('does not allow');
  await expect(panel.getByText('This device is enrolled')).toBeVisible();

  // The server goes away: the event stream drops, the next attempt fails, the bar says so.
  await syncServer.stop();
  await expect(bar).toContainText('Offline', { timeout: 20_000 });
  await expect(bar).toContainText('Sync failed');
  await keep(app, testInfo, 'sync-en-offline');
});

test('the Organisation server panel in Simplified Chinese', async ({ app, syncServer }, testInfo) => {
  await openSettings(app);
  await app.getByRole('radio', { name: '简体中文' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('设置');
  const panel = app.getByRole('region', { name: '组织服务器' });
  await expect(panel.getByText('由您的组织设置')).toHaveCount(2);
  await expect(app.getByRole('contentinfo')).toContainText('未注册');
  await keep(app, testInfo, 'sync-zh-CN-enroll');

  await panel.getByLabel('注册码').fill(syncServer.issueCode());
  await panel.getByRole('button', { name: '注册本设备' }).click();
  await expect(panel.getByText('本设备已注册')).toBeVisible({ timeout: 20_000 });
  await panel.getByRole('button', { name: '立即同步' }).click();
  await expect(panel.getByText('已同步。')).toBeVisible({ timeout: 20_000 });
  await expect(app.getByRole('contentinfo')).toContainText('在线');
  await expect(app.getByRole('contentinfo')).toContainText('0 条待上传');
  await keep(app, testInfo, 'sync-zh-CN-enrolled');
});
