import { expect, nav, test } from './fixtures';

test('the Audit view lists the language change, in the chosen language', async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: '简体中文' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('设置');

  await nav(app).getByRole('link', { name: '审计' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('审计');
  // With the vault open the log is the tamper-evident one in the vault, so no "memory only" note.
  await expect(app.getByRole('note')).toHaveCount(0);
  const row = app.getByRole('row').filter({ hasText: 'settings.setLocale' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('更改了语言');
  await expect(row).toContainText('已允许');
  await expect(row).toContainText('local-user');
});

test('Refresh picks up events that happened since the view opened', async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Audit' }).click();
  await expect(app.getByRole('table')).toBeVisible();
  await expect(app.getByRole('row').filter({ hasText: 'diagnostics.selfTest' })).toHaveCount(0);

  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('button', { name: 'Run self-test' }).click();
  await nav(app).getByRole('link', { name: 'Audit' }).click();
  await expect(app.getByRole('row').filter({ hasText: 'diagnostics.selfTest' })).toHaveCount(1);
  const before = await app.getByRole('row').count();
  await app.getByRole('button', { name: 'Refresh' }).click();
  await expect(app.getByRole('row')).toHaveCount(before + 1); // the refresh itself is audited
});
