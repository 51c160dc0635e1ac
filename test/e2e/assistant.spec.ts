/**
 * The Assistant against the real core and real tiny ONNX packs (models-fixtures.ts): a chat
 * streamed from the tiny GPT-2 on this device, Stop (Esc) ending a long answer at once, a PHI
 * summary kept on the device, the no-model note with the built-in summary, and screenshots in both
 * languages.
 */
import type { Page } from '@playwright/test';
import { expect, expectSameKeys, nav, test } from './models-fixtures';

async function openAssistant(app: Page, name = 'Assistant'): Promise<void> {
  await nav(app).getByRole('link', { name }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(name);
}

const conversation = (app: Page, name = 'Conversation') => app.getByRole('region', { name });

test('a chat streams an answer from the tiny GPT-2 on this device and says who answered', async ({
  app,
}, testInfo) => {
  await openAssistant(app);
  await expect(conversation(app)).toContainText('Ask a question');
  await app.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('24');
  const message = app.getByRole('textbox', { name: 'Message' });
  await message.fill('What is the torque for an M8 bolt?');
  await message.press('Enter');

  const chat = conversation(app);
  await expect(chat).toContainText('What is the torque for an M8 bolt?');
  // The usage line comes with the end of the answer (slow on a loaded 2-core machine).
  await expect(chat).toContainText(/\d+ tokens in · \d+ out · [\d,]+ ms/, { timeout: 60_000 });
  await expect(chat).toContainText('Answered by tiny-gpt2');
  await expect(chat).toContainText('Runs on this device; nothing leaves it.');
  await expect(app.getByRole('status').filter({ hasText: 'Answer complete' })).toHaveCount(1);
  // The box is free for the next message, and Send is back.
  await expect(message).toHaveValue('');
  await expect(app.getByRole('button', { name: 'Send' })).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('assistant-chat-en.png') });

  await app.getByRole('button', { name: 'New conversation' }).click();
  await expect(chat).toContainText('Ask a question');
  await expect(chat).not.toContainText('M8 bolt');
});

test('Esc stops a long answer at once and the next message can be sent', async ({ app }) => {
  await openAssistant(app);
  await app.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('2048');
  const message = app.getByRole('textbox', { name: 'Message' });
  await message.fill('Write a very long maintenance procedure.');
  await message.press('Enter');
  // Stop as soon as it is running (the worker may still be loading the model, or writing).
  await expect(app.getByRole('button', { name: 'Stop' })).toBeVisible({ timeout: 30_000 });
  await message.press('Escape');
  const chat = conversation(app);
  await expect(chat).toContainText('Stopped');
  await expect(chat).not.toContainText('The answer stopped at the length limit.');
  await expect(app.getByRole('status').filter({ hasText: 'Stopped. You can type' })).toHaveCount(1);

  // The worker was freed: a short answer follows straight away.
  await app.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('8');
  await message.fill('And a short one?');
  await message.press('Enter');
  await expect(chat).toContainText('Answered by tiny-gpt2', { timeout: 30_000 });
});

const NOTE =
  'Patient reports chest pain for two days. Pain is worse on exertion. ' +
  'ECG shows no acute changes. Troponin was negative twice. ' +
  'Plan: start aspirin, arrange an outpatient stress test, and review in one week.';

async function summarise(app: Page, classification: string): Promise<void> {
  await app.getByRole('combobox', { name: 'Classification' }).selectOption(classification);
  await app.getByRole('textbox', { name: 'Document text (optional)' }).fill(NOTE);
  await app.getByRole('combobox', { name: 'Task' }).selectOption('summarize');
  await app.getByRole('spinbutton', { name: 'Longest answer (tokens)' }).fill('16');
  await app.getByRole('button', { name: 'Send' }).click();
}

test('a PHI summary runs on the local model and says PHI stayed on this device', async ({ app }) => {
  await openAssistant(app);
  await summarise(app, 'phi');
  const chat = conversation(app);
  await expect(chat).toContainText('Summarise the context');
  await expect(chat).toContainText('Answered by tiny-gpt2', { timeout: 30_000 });
  await expect(chat).toContainText('PHI stays on this device.');
});

test.describe('no pack anywhere', () => {
  test.use({ modelPacks: 'none' });

  test('says a model is needed; a chat is refused in words; a summary still comes from the built-in', async ({
    app,
  }) => {
    await openAssistant(app);
    await expect(app.getByRole('main')).toContainText('No model pack installed');
    await expect(app.getByRole('main')).toContainText('Built-ins work without any model');
    const message = app.getByRole('textbox', { name: 'Message' });
    await message.fill('Hello?');
    await message.press('Enter');
    const chat = conversation(app);
    await expect(chat).toContainText('No model can take this request');
    await expect(chat).toContainText('no approved local model that can chat is installed');

    await summarise(app, 'internal');
    await expect(chat).toContainText('Answered by Extractive summary (no model)', { timeout: 30_000 });
    await expect(chat).toContainText('A deterministic built-in answered on this device');
    // An extractive summary is made of the source's own sentences.
    await expect(chat).toContainText(/Patient reports chest pain|Troponin was negative|Plan: start aspirin/);
  });
});

test('the Assistant in Chinese', async ({ app }, testInfo) => {
  await nav(app).getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('radio', { name: '简体中文' }).click();
  await openAssistant(app, '智能助手');
  await app.getByRole('spinbutton').fill('16');
  const message = app.getByRole('textbox').first();
  await message.fill('你好');
  await message.press('Enter');
  await expect(app.getByRole('main')).toContainText('tiny-gpt2', { timeout: 30_000 });
  await app.screenshot({ path: testInfo.outputPath('assistant-chat-zh-CN.png') });
});

test('the Assistant strings: same keys and placeholders in EN and zh-CN, none empty', () => {
  expectSameKeys('assistant');
});
