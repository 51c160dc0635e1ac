/**
 * `npm run bench [-- GROUP ...]`: runs bench/<group>.bench.ts files (all when none named), prints
 * each figure, and merges them into bench-results.json at the repo root with a `_meta` record.
 * Figures are measured here, never asserted in unit tests.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type BenchGroup = (log: (message: string) => void) => Promise<Record<string, number>>;

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = dirname(benchDir);
const resultsFile = join(root, 'bench-results.json');

const available = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();
const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const unknown = requested.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark group(s): ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
const groups = requested.length > 0 ? requested : available;

let results: Record<string, unknown> = {};
try {
  results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
} catch {
  /* first run */
}

let failed = false;
for (const group of groups) {
  console.log(`\n▶ bench ${group}`);
  const started = performance.now();
  try {
    const module = (await import(pathToFileURL(join(benchDir, `${group}.bench.ts`)).href)) as {
      default: BenchGroup;
    };
    const figures = await module.default((message) => console.log(`  · ${message}`));
    for (const [name, value] of Object.entries(figures)) {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new Error(`figure ${name} is not a number`);
      results[name] = Math.round(value * 1000) / 1000;
      console.log(`  ${name.padEnd(40)} ${results[name]}`);
    }
  } catch (error) {
    failed = true;
    console.error(`  ✗ ${group} failed: ${(error as Error).stack ?? String(error)}`);
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

results._meta = {
  date: new Date().toISOString(),
  machine: `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()}-${os.arch()}`,
  node: process.version,
  commit: gitCommit(),
};
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWrote ${resultsFile}`);
process.exit(failed ? 1 : 0);

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
