import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'starring-workspace') return dir;
    } catch {
      /* keep walking up */
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json of starring-workspace not found above ${start}`);
    dir = parent;
  }
}

/** The folder holding package.json (source checkout) — where dist/ and models/ are found. */
export const repoRoot = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
export const appVersion = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;
