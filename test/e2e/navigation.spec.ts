import { expect, nav, sectionNames, test } from './fixtures';

/** Each section's heading and the honest empty-state text a fresh install shows. */
const sections = [
  { name: 'Documents', texts: ['No documents yet — create one from a template'] },
  {
    name: 'Templates',
    // Templates ship with the app (templates/): the gallery shows them by industry.
    texts: ['Healthcare', 'SOAP progress note', 'QC inspection report', 'Use template'],
  },
  {
    name: 'Assistant',
    texts: [
      'No model pack installed',
      'sideload a model pack',
      "configure your organisation's on-prem model server",
    ],
  },
  // The vault is open (fixture), so the audit log is the tamper-evident one kept in the vault: no
  // "kept in memory only" note; the table's own rows are checked below.
  { name: 'Audit', texts: ['Who did what, and when', 'Chain intact'] },
  {
    name: 'Models',
    texts: ['No model packs found', 'The models folder installed with the app', 'ModelDirectory'],
  },
  { name: 'Settings', texts: ['Language', 'Vault & security', 'About', 'Self-test'] },
] as const;

test('every section by clicking, with its heading, aria-current and empty state', async ({ app }) => {
  await expect(nav(app)).toHaveAccessibleName('Sections');
  for (const section of sections) {
    const link = nav(app).getByRole('link', { name: section.name });
    await link.click();
    await expect(app.getByRole('heading', { level: 1 })).toHaveText(section.name);
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(nav(app).locator('[aria-current="page"]')).toHaveCount(1);
    for (const text of section.texts) await expect(app.getByRole('main')).toContainText(text);
  }
  // The Audit view lists its own reads: audit.query is an audited channel.
  await nav(app).getByRole('link', { name: 'Audit' }).click();
  await expect(app.getByRole('grid')).toContainText('Browsed the audit log');
  // Styles come from the emitted .css file only (CSP: style-src 'self').
  await expect(app.locator('style')).toHaveCount(0);
  await expect(app.locator('link[rel="stylesheet"]')).toHaveCount(1);
});

test('the Documents empty state leads to Templates', async ({ app }) => {
  await app.getByRole('button', { name: 'Go to Templates' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Templates');
  await expect(app.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(app).toHaveURL(/#\/templates$/);
});

test('the Assistant empty state leads to Models', async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Assistant' }).click();
  await app.getByRole('button', { name: 'See where model packs are looked for' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Models');
});

test('keyboard: skip link, Tab into the nav, arrow keys, Home/End, Enter', async ({ app }) => {
  await app.keyboard.press('Tab');
  const skip = app.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('main')).toBeFocused();
  await expect(app).not.toHaveURL(/#main/);

  // Skipping lands before the content: the next Tab is the first control in it, not the nav.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Go to Templates' })).toBeFocused();

  // Back into the sidebar: the Lock button below the nav, then the nav's last link; arrow keys
  // move within the nav.
  await app.keyboard.press('Shift+Tab');
  await expect(app.getByRole('button', { name: 'Lock vault' })).toBeFocused();
  await app.keyboard.press('Shift+Tab');
  const link = (name: string) => nav(app).getByRole('link', { name });
  await expect(link('Policy')).toBeFocused();
  await app.keyboard.press('Home');
  await expect(link('Documents')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(link('Templates')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Templates');
  await expect(link('Templates')).toHaveAttribute('aria-current', 'page');

  await app.keyboard.press('ArrowDown');
  await expect(link('Assistant')).toBeFocused();
  await app.keyboard.press('End');
  await expect(link('Policy')).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(link('Documents')).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await expect(link('Policy')).toBeFocused();
  await app.keyboard.press('Home');
  await expect(link('Documents')).toBeFocused();
  for (let i = 0; i < 3; i += 1) await app.keyboard.press('ArrowDown');
  await expect(link('Audit')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Audit');

  // Tab still visits each link in turn (arrows are a shortcut, not a trap).
  await link('Models').focus();
  await app.keyboard.press('Tab');
  await expect(link('Settings')).toBeFocused();

  // A visible focus ring on the focused link.
  await expect(link('Settings')).toHaveCSS('outline-style', 'solid');
});

test('keyboard: Ctrl+1..6 go to each section and focus its heading', async ({ app }) => {
  const names = sectionNames.en;
  for (const [index, name] of [...names.entries()].reverse()) {
    await app.keyboard.press(`Control+${index + 1}`);
    const heading = app.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(name);
    await expect(heading).toBeFocused();
    await expect(nav(app).getByRole('link', { name })).toHaveAttribute('aria-current', 'page');
  }
  await expect(nav(app).getByRole('link', { name: 'Audit' })).toHaveAttribute(
    'aria-keyshortcuts',
    'Control+4',
  );
});

test('a reload comes back to the same section', async ({ app }) => {
  await nav(app).getByRole('link', { name: 'Models' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Models');
  await app.reload();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Models');
  await app.goBack();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText('Documents');
});
