import { expect, nav, test } from './fixtures';

test('the status bar shows the honest placeholders and the real vault state', async ({ app }) => {
  const bar = app.getByRole('contentinfo');
  await expect(bar).toContainText('No server configured');
  await expect(bar).toContainText('Not enrolled');
  // The fixture opened the vault before the page loaded (vault.spec.ts covers "Vault not set up").
  await expect(bar).toContainText('Vault unlocked');
  await expect(bar).toContainText('Version 0.0.0-e2e');
});

test('the status bar follows app.watchStatus and holds exactly one subscription', async ({
  app,
  harness,
}) => {
  const bar = app.getByRole('contentinfo');
  await expect(bar).toContainText('No server configured');
  harness.core.status.update({ network: 'online' });
  await expect(bar).toContainText('Online');
  harness.core.status.update({ network: 'offline', sync: 'error' });
  await expect(bar).toContainText('Offline');
  await expect(bar).toContainText('Sync failed');

  // Moving around the app opens no further status subscriptions.
  for (const name of ['Templates', 'Audit', 'Settings', 'Documents']) {
    await nav(app).getByRole('link', { name }).click();
  }
  expect(harness.core.router.activeSubscriptions()).toBe(1);

  // The vault's part is real now: locking it in the core shows on the bar (and the unlock
  // screen, which keeps the same one subscription).
  await harness.core.vault.lock();
  await expect(bar).toContainText('Vault locked');
  await expect(app.getByRole('heading', { level: 1, name: 'Unlock your vault' })).toBeVisible();
  await expect(bar).toContainText('Offline');
  expect(harness.core.router.activeSubscriptions()).toBe(1);
});

test('a lost core is reported in words, and the report can be dismissed', async ({ app, harness }) => {
  await expect(app.getByRole('contentinfo')).toContainText('No server configured');
  await harness.restart(); // the old core goes away under the open page
  const alert = app.getByRole('alert');
  await expect(alert).toContainText('Something went wrong');
  await expect(alert).toContainText("The app's core stopped. Restart it and reload this page.");
  await expect(alert).toContainText('INTERNAL');
  await expect(app.getByRole('contentinfo')).toContainText("Disconnected from the app's core");
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.getByRole('alert')).toHaveCount(0);
});
