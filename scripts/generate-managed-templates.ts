/**
 * `npx tsx scripts/generate-managed-templates.ts [--check]`: writes build/managed/ (ADMX/ADML,
 * .mobileconfig example, sample managed.json, README) from main/core/managed-config's schema.
 * `--check` writes nothing and exits 1 naming each file that differs — what the drift test asserts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { managedTemplates } from '../main/core/managed-config/managed-templates';

export const managedTemplatesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'managed');

/** The templates as committed: Markdown and JSON pass through the repo's prettier config (lint checks them). */
export async function renderManagedTemplates(): Promise<Record<string, string>> {
  const rendered: Record<string, string> = {};
  for (const [path, content] of Object.entries(managedTemplates())) {
    const filepath = join(managedTemplatesDir, path);
    const formattable = path.endsWith('.md') || path.endsWith('.json');
    rendered[path] = formattable
      ? await format(content, { ...(await resolveConfig(filepath)), filepath })
      : content;
  }
  return rendered;
}

/** Paths whose committed copy is missing or differs from what the schema generates. */
export async function driftedManagedTemplates(dir = managedTemplatesDir): Promise<string[]> {
  const drifted: string[] = [];
  for (const [path, content] of Object.entries(await renderManagedTemplates())) {
    const committed = await readFile(join(dir, path), 'utf8').catch(() => null);
    if (committed !== content) drifted.push(path);
  }
  return drifted;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    const drifted = await driftedManagedTemplates();
    for (const path of drifted) console.error(`out of date: build/managed/${path}`);
    if (drifted.length > 0) console.error('Run: npx tsx scripts/generate-managed-templates.ts');
    process.exit(drifted.length > 0 ? 1 : 0);
  }
  for (const [path, content] of Object.entries(await renderManagedTemplates())) {
    const file = join(managedTemplatesDir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
    console.log(`wrote build/managed/${path}`);
  }
}
