/**
 * Fixtures for the Models and Assistant specs: the same real core and browser harness as
 * fixtures.ts (whose `app` and console-error checks they reuse), but with the app's model folder
 * chosen by the test instead of the checkout's models/:
 *
 * - `modelPacks: 'tiny'` (the default): the tiny packs (real ONNX graphs and tokenizers, random
 *   weights: tiny-gpt2 chats in gibberish, tiny-bert embeds) written once per worker into a
 *   temporary folder by the same code as `npx tsx scripts/make-tiny-packs.ts`;
 * - `modelPacks: 'none'`: a folder that does not exist, so the app has no pack at all;
 * - `modelPacks: 'damaged'`: tiny-bert alone, written for this test, with one byte of
 *   onnx/model.onnx changed after packing (same size, wrong sha256) — what Verify must catch.
 *
 * Independent of whatever models/ or models/generated hold on this machine.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../main/core/app/app-version';
import { writeTinyPacks } from '../../main/core/models/tiny-packs/tiny-packs';
import { test as base, createTestVault, expect, useRunningHarness } from './fixtures';

export type ModelPacks = 'tiny' | 'none' | 'damaged';

/** The file the 'damaged' setup changes, as the pack names it. */
export const DAMAGED_FILE = 'onnx/model.onnx';

/** tiny-bert with one byte of its graph flipped after packing: same size, wrong sha256. */
async function damagedPacks(dir: string): Promise<string> {
  await writeTinyPacks(join(dir, 'generated'), ['tiny-bert']);
  const file = join(dir, 'generated', 'tiny-bert', ...DAMAGED_FILE.split('/'));
  const bytes = await readFile(file);
  const last = bytes.length - 1;
  bytes[last] = bytes[last]! ^ 0xff;
  await writeFile(file, bytes);
  return dir;
}

export const test = base.extend<{ modelPacks: ModelPacks }, { tinyPacksDir: string }>({
  modelPacks: ['tiny', { option: true }],

  tinyPacksDir: [
    // eslint-disable-next-line no-empty-pattern -- worker-scoped: needs no other fixture.
    async ({}, use) => {
      const dir = await mkdtemp(join(tmpdir(), 'starring-e2e-packs-'));
      await writeTinyPacks(join(dir, 'generated'));
      await use(dir);
      await rm(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  harness: async ({ modelPacks, tinyPacksDir }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'starring-e2e-'));
    const appModelsDir =
      modelPacks === 'tiny'
        ? tinyPacksDir
        : modelPacks === 'damaged'
          ? await damagedPacks(join(dataDir, 'app-models'))
          : join(dataDir, 'no-app-models');
    await useRunningHarness(dataDir, { appModelsDir }, createTestVault, use);
  },
});

export { expect, nav } from './fixtures';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** The check i18n-keys.spec.ts makes for the app's files, for a feature's own namespace. */
export function expectSameKeys(feature: 'models' | 'assistant'): void {
  const dir = join(repoRoot, 'renderer', 'src', 'features', feature, 'i18n');
  const load = (file: string) => flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree);
  const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
  const en = load('en.json');
  const zh = load('zh-CN.json');
  expect(
    [...en.keys()].filter((k) => !zh.has(k)),
    'missing in zh-CN.json',
  ).toEqual([]);
  expect(
    [...zh.keys()].filter((k) => !en.has(k)),
    'missing in en.json',
  ).toEqual([]);
  for (const [key, english] of en) {
    const chinese = zh.get(key) ?? '';
    expect(english.trim(), `en: ${key}`).not.toBe('');
    expect(chinese.trim(), `zh-CN: ${key}`).not.toBe('');
    expect(placeholders(chinese), `placeholders of ${key}`).toEqual(placeholders(english));
  }
}
