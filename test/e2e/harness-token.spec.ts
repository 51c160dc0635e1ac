import { expect, nav, test } from './fixtures';

test('the harness refuses a second connection with the spent token', async ({
  app,
  harness,
  browser,
}, testInfo) => {
  const other = await browser.newContext();
  const intruder = await other.newPage();
  const errors: string[] = [];
  intruder.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await intruder.goto(harness.url);

  const alert = intruder.getByRole('alert');
  await expect(intruder.getByRole('heading', { level: 1 })).toHaveText("Can't connect to the app's core");
  await expect(alert).toContainText('each printed link works only once');
  await alert.getByText('Technical details').click();
  await expect(alert).toContainText('the harness refused the connection');
  await intruder.screenshot({ path: testInfo.outputPath('refused-token.png') });
  await expect(intruder.getByRole('navigation')).toHaveCount(0);
  // The only console error is the refused WebSocket handshake itself.
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error).toMatch(/WebSocket/);
  await other.close();

  // The tab that spent the token carries on.
  await nav(app).getByRole('link', { name: 'Audit' }).click();
  await expect(app.getByRole('grid')).toContainText('Browsed the audit log');
});
