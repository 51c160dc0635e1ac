/**
 * `npm run dev:browser [-- --port N --vault DIR]`: the same core as the desktop app, in Node,
 * serving the unchanged renderer to any Chromium on this machine.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core';
import { appVersion, repoRoot } from '../core/app/app-version';
import { startHarness } from './harness-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5178' },
    vault: { type: 'string', default: join(homedir(), '.starring-harness') },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a number from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}
const rendererDir = join(repoRoot, 'dist', 'renderer');
const preloadScript = join(repoRoot, 'dist', 'harness', 'harness-preload.js');
if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(preloadScript)) {
  console.error(
    'The renderer is not built. Run `npm run build` first (npm run dev:browser does this for you).',
  );
  process.exit(2);
}

const core = await createCore({
  dataDir: resolve(values.vault),
  transport: 'browser-harness',
  version: appVersion,
});
const harness = await startHarness({ core, rendererDir, preloadScript, port });
console.log(`StarRing harness: ${harness.url}`);
console.log(`  data folder: ${resolve(values.vault)} · Ctrl+C to stop`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void harness
      .close()
      .then(() => core.close())
      .finally(() => process.exit(0));
  });
}
