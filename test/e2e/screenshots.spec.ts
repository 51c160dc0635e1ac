/**
 * A screenshot of every section in both languages, kept as test artifacts (test-results/, and
 * attached to the report) for people to look at; nothing here is committed or compared.
 */
import { expect, nav, sectionNames, test } from './fixtures';

// Tall enough for the Settings page with a finished self-test.
test.use({ viewport: { width: 1280, height: 1000 } });

for (const locale of ['en', 'zh-CN'] as const) {
  test(`every section, ${locale}`, async ({ app }, testInfo) => {
    const names = sectionNames[locale];
    if (locale === 'zh-CN') {
      await nav(app).getByRole('link', { name: 'Settings' }).click();
      await app.getByRole('radio', { name: '简体中文' }).click();
      await expect(app.getByRole('heading', { level: 1 })).toHaveText('设置');
    }
    const sectionIds = ['documents', 'templates', 'assistant', 'audit', 'models', 'settings'];
    for (const [index, name] of names.entries()) {
      await nav(app).getByRole('link', { name }).click();
      await expect(app.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(app.getByText(/Loading…|正在加载…/)).toHaveCount(0);
      if (sectionIds[index] === 'settings') {
        await app.getByRole('button', { name: /Run self-test|运行自检/ }).click();
        await expect(app.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', {
          timeout: 10_000,
        });
      }
      if (sectionIds[index] === 'settings') {
        // Settings is longer than the window (vault & security, self-test), and the frame scrolls
        // inside itself: grow the window to the content for the picture.
        const height = Number(await app.evaluate('document.querySelector(".main-column").scrollHeight'));
        await app.setViewportSize({ width: 1280, height: Math.max(1000, height + 40) });
      }
      await app.screenshot({ path: testInfo.outputPath(`${locale}-${index + 1}-${sectionIds[index]}.png`) });
    }
  });
}
