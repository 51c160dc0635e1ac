import { expect, nav, test } from './fixtures';

test('the Audit view lists the language change, in the chosen language', async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: '简体中文' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('设置');

  await nav(app).getByRole('link', { name: '审计' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('审计');
  const row = app.getByRole('row').filter({ hasText: 'settings.setLocale' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('更改了语言');
  await expect(row).toContainText('已允许');
  await expect(row).toContainText('local-user');
});

test('Refresh picks up events that happened since the view opened', async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Audit' }).click();
  const grid = app.getByRole('grid');
  await expect(grid).toBeVisible();
  await expect(grid.getByRole('row').filter({ hasText: 'diagnostics.selfTest' })).toHaveCount(0);

  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('button', { name: 'Run self-test' }).click();
  await nav(app).getByRole('link', { name: 'Audit' }).click();
  await expect(grid.getByRole('row').filter({ hasText: 'diagnostics.selfTest' })).toHaveCount(1);
  const rows = grid.getByRole('row').filter({ hasText: 'local-user' });
  const before = await rows.count();
  await app.getByRole('button', { name: 'Refresh' }).click();
  // The refresh's own reads are audited, so newer entries show.
  await expect.poll(() => rows.count()).toBeGreaterThan(before);
  await expect(grid.getByRole('row').filter({ hasText: 'Browsed the audit log' }).first()).toBeVisible();
});
