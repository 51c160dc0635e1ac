/** The two language files must stay in step: same keys, same placeholders, nothing left empty. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const dir = join(import.meta.dirname, '..', '..', 'renderer', 'src', 'i18n');

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

function load(file: string): Map<string, string> {
  return flatten(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Tree);
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

test('en.json and zh-CN.json have exactly the same keys', () => {
  const en = load('en.json');
  const zh = load('zh-CN.json');
  const missingInZh = [...en.keys()].filter((key) => !zh.has(key));
  const missingInEn = [...zh.keys()].filter((key) => !en.has(key));
  expect(missingInZh, 'keys in en.json but not in zh-CN.json').toEqual([]);
  expect(missingInEn, 'keys in zh-CN.json but not in en.json').toEqual([]);
  expect(en.size).toBeGreaterThan(100);
});

test('every string is filled in and uses the same placeholders in both languages', () => {
  const en = load('en.json');
  const zh = load('zh-CN.json');
  for (const [key, english] of en) {
    const chinese = zh.get(key) ?? '';
    expect(english.trim(), `en: ${key}`).not.toBe('');
    expect(chinese.trim(), `zh-CN: ${key}`).not.toBe('');
    expect(placeholders(chinese), `placeholders of ${key}`).toEqual(placeholders(english));
  }
});
