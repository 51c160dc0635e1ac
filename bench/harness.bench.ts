/**
 * Browser-harness benchmarks, run by bench/run.ts (or directly: `npx tsx bench/harness.bench.ts`).
 *
 * harness.first_frame_ms — median over RUNS of: from just before `createCore()` (a fresh data
 *   folder each run) to the first painted frame in Chromium. "First painted
 *   frame" is the renderer's `performance.mark('starring:first-frame')` (renderer/src/app/
 *   first-frame.ts): set from a task queued by requestAnimationFrame after the first screen has
 *   committed — for a fresh data folder that is the vault setup screen (GateLayout), otherwise the
 *   app frame — i.e. just after that frame is painted. It therefore includes
 *   core start, harness listen, page load (HTML, preload, JS, CSS over loopback, cold cache: a new
 *   browser context each run), the bridge's WebSocket handshake, `app.info`, the React render and
 *   the paint. It excludes launching Chromium itself (once, before the runs), which is the test
 *   tool's cost, not the app's. Both ends are wall-clock epoch times (Node's and Chromium's
 *   `performance.timeOrigin + now`) on the same machine.
 * renderer.bundle_kb — total size of the .js and .css files under dist/renderer, in KiB
 *   (1024 bytes), uncompressed as shipped in the asar. Builds the renderer first if it is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { repoRoot } from '../main/core/app/app-version';
import { createCore } from '../main/core/core';
import { startHarness } from '../main/harness/harness-server';

const RUNS = 7;
const WARMUP_RUNS = 1;
const FIRST_FRAME_MARK = 'starring:first-frame';
const CHROMIUM = process.env.STARRING_CHROMIUM ?? '/usr/bin/chromium';

const rendererDir = join(repoRoot, 'dist', 'renderer');
const preloadScript = join(repoRoot, 'dist', 'harness', 'harness-preload.js');

function ensureBuilt(log: (m: string) => void): void {
  if (existsSync(join(rendererDir, 'index.html')) && existsSync(preloadScript)) return;
  log('renderer not built: running npm run build:renderer');
  const result = spawnSync('npm', ['run', 'build:renderer', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build:renderer failed (exit ${result.status})`);
}

async function bundleKb(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !['.js', '.css'].includes(extname(entry.name))) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return Math.round((bytes / 1024) * 10) / 10;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const epochNow = (): number => performance.timeOrigin + performance.now();

export default async function run(log: (m: string) => void): Promise<Record<string, number>> {
  ensureBuilt(log);
  const bundle = await bundleKb(rendererDir);
  log(`renderer.bundle_kb = ${bundle} (JS + CSS under dist/renderer)`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < WARMUP_RUNS + RUNS; i += 1) {
      const dataDir = await mkdtemp(join(tmpdir(), 'starring-bench-'));
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const start = epochNow();
      const core = await createCore({ dataDir, transport: 'browser-harness', version: 'bench' });
      const harness = await startHarness({ core, rendererDir, preloadScript, port: 0 });
      try {
        const coreReady = epochNow() - start;
        await page.goto(harness.url);
        const handle = await page.waitForFunction(
          (mark) => {
            const entry = performance.getEntriesByName(mark)[0];
            return entry ? performance.timeOrigin + entry.startTime : null;
          },
          FIRST_FRAME_MARK,
          { timeout: 15_000, polling: 'raf' },
        );
        const firstFrameAt = (await handle.jsonValue()) as number;
        const ms = Math.round((firstFrameAt - start) * 10) / 10;
        const warm = i < WARMUP_RUNS;
        log(
          `run ${i + 1}${warm ? ' (warm-up, not counted)' : ''}: first frame ${ms} ms ` +
            `(core + harness up after ${coreReady.toFixed(1)} ms)`,
        );
        if (!warm) samples.push(ms);
      } finally {
        await context.close();
        await harness.close();
        await core.close();
        await rm(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  const firstFrame = median(samples);
  log(`harness.first_frame_ms = ${firstFrame} (median of ${samples.length})`);
  return { 'harness.first_frame_ms': firstFrame, 'renderer.bundle_kb': bundle };
}

// `npx tsx bench/harness.bench.ts` runs it on its own.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run((m) => console.log(m));
  console.log(JSON.stringify(results, null, 2));
}
