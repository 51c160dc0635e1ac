import type { Page } from '@playwright/test';
import { expect, nav, test } from './fixtures';

async function openSettings(app: Page) {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Settings');
}

const progressValue = async (app: Page) =>
  Number(await app.getByRole('progressbar').getAttribute('aria-valuenow'));

test('the self-test shows progress and five passed checks', async ({ app, harness }) => {
  await openSettings(app);
  // Record every value the progress bar takes, however slow this machine is. (Page code as a
  // string: this project's Node tsconfig has no DOM types.)
  await app.evaluate(`
    window.progressSeen = [];
    new MutationObserver((records) => {
      for (const record of records) {
        const value = record.target.getAttribute('aria-valuenow');
        if (value !== null && window.progressSeen.at(-1) !== value) window.progressSeen.push(value);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  `);
  await app.getByRole('button', { name: 'Run self-test' }).click();
  const bar = app.getByRole('progressbar', { name: 'Self-test progress' });
  await expect(bar).toBeVisible();
  await expect(app.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', /of 5 checks/);

  await expect(bar).toHaveAttribute('aria-valuenow', '100', { timeout: 15_000 });
  // Progress moved through the intermediate steps (the core spaces the checks 300 ms apart).
  const seen: unknown = await app.evaluate('window.progressSeen');
  const values = (seen as string[]).map(Number);
  expect(values.at(-1)).toBe(100);
  expect(
    values.some((v) => v > 0 && v < 100),
    `intermediate values in ${values.join(', ')}`,
  ).toBe(true);
  expect(values).toEqual([...values].sort((a, b) => a - b)); // never goes backwards
  await expect(app.getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible();
  const results = app.getByRole('list', { name: 'Self-test results' }).getByRole('listitem');
  await expect(results).toHaveCount(5);
  for (const label of [
    'Encryption (AES-256-GCM)',
    'Hashing (SHA-256)',
    'Digital signatures (Ed25519)',
    'Storage engine (SQLite)',
    'Data folder',
  ]) {
    await expect(results.filter({ hasText: label })).toContainText('Passed');
  }
  await expect(app.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Run again' })).toBeEnabled();
  expect(harness.core.router.activeSubscriptions()).toBe(1); // only the status bar's
});

test('Cancel stops the self-test', async ({ app, harness }) => {
  await openSettings(app);
  await app.getByRole('button', { name: 'Run self-test' }).click();
  await expect.poll(() => progressValue(app)).toBeGreaterThan(0);
  // By keyboard: each finished check adds a row and moves the button, which a pointer click
  // waits out (for "stable") until the run may be over.
  await app.getByRole('button', { name: 'Cancel' }).press('Enter');

  await expect(app.getByRole('status').filter({ hasText: /Cancelled after \d of 5 checks/ })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  const results = app.getByRole('list', { name: 'Self-test results' }).getByRole('listitem');
  const doneAtCancel = await results.count();
  const valueAtCancel = await progressValue(app);
  expect(doneAtCancel).toBeLessThan(5);

  // Longer than three more checks would take: nothing else arrives.
  await app.waitForTimeout(1_200);
  await expect(results).toHaveCount(doneAtCancel);
  expect(await progressValue(app)).toBe(valueAtCancel);
  expect(harness.core.router.activeSubscriptions()).toBe(1);

  // And it can run again, to the end.
  await app.getByRole('button', { name: 'Run again' }).click();
  await expect(app.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 10_000 });
  await expect(app.getByRole('status').filter({ hasText: 'All 5 checks passed' })).toBeVisible();
});
