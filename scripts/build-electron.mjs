// Bundles the Electron shell: main/electron/main.ts → dist/electron/main.cjs (Node, CommonJS) and
// preload/electron-preload.ts → dist/electron/preload.cjs (CommonJS: a sandboxed preload cannot be
// ESM and may require only 'electron'). Run by `npm run build:electron` and `npm start`.
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist', 'electron');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const require = createRequire(join(root, 'package.json'));

// Packages that locate wasm or native files next to their own JS (via __dirname): bundling them
// would separate the code from its binaries. They stay `require`d from node_modules at run time;
// electron-builder ships production dependencies and its asarUnpack puts .wasm/.node files on disk.
const runtimeExternals = [
  'sql.js',
  'onnxruntime-node',
  'onnxruntime-web',
  '@huggingface/transformers',
  'sharp',
];

// The repo is "type": "module" and main/core/app/app-version.ts reads import.meta.url; CommonJS has
// no import.meta, so the bundle gets the equivalent from __filename (in an asar, a path inside it —
// Electron's fs reads it, and walking up from dist/electron finds the packaged package.json).
const importMetaUrlBanner =
  'const __starringImportMetaUrl = require("node:url").pathToFileURL(__filename).href;';

const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
};

const [mainResult, workerResult] = await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: join(outDir, 'main.cjs'),
    platform: 'node',
    target: 'node22', // Electron 41 embeds Node 24.
    external: ['electron', ...runtimeExternals, ...runtimeExternals.map((name) => `${name}/*`)],
    define: { 'import.meta.url': '__starringImportMetaUrl' },
    banner: { js: importMetaUrlBanner },
  }),
  // The inference worker, hosted by the shell in a utilityProcess (main/electron/model-worker-launcher.ts).
  build({
    ...common,
    // ESM: the worker awaits at top level; utilityProcess runs ES modules.
    entryPoints: ['main/core/models/worker/inference.worker.ts'],
    outfile: join(root, 'dist', 'worker', 'inference.worker.mjs'),
    format: 'esm',
    platform: 'node',
    target: 'node22',
    external: [...runtimeExternals, ...runtimeExternals.map((name) => `${name}/*`)],
  }),
  build({
    ...common,
    entryPoints: ['preload/electron-preload.ts'],
    outfile: join(outDir, 'preload.cjs'),
    platform: 'browser',
    target: 'chrome130', // Electron 41 is Chromium 146.
    external: ['electron'],
  }),
]);

// Each runtime external the main bundle needs must be a production dependency (or it will be
// missing from the installer) and must be installed with its binaries.
const needed = new Set();
for (const output of [mainResult, workerResult].flatMap((result) => Object.values(result.metafile.outputs))) {
  for (const entry of output.imports) {
    const name = entry.external ? packageName(entry.path) : null;
    if (name && runtimeExternals.includes(name)) needed.add(name);
  }
}
for (const name of needed) {
  if (!pkg.dependencies?.[name]) {
    throw new Error(
      `${name} is loaded at run time by the main or worker bundle but is not in package.json "dependencies".`,
    );
  }
  const entry = require.resolve(name);
  if (name === 'sql.js' && !existsSync(join(dirname(entry), 'sql-wasm.wasm'))) {
    throw new Error(`sql.js is installed without dist/sql-wasm.wasm (looked beside ${entry}).`);
  }
}

for (const file of ['electron/main.cjs', 'electron/preload.cjs', 'worker/inference.worker.mjs']) {
  const path = join(root, 'dist', file);
  console.log(`  ${relative(root, path)}  ${(statSync(path).size / 1024).toFixed(1)} KiB`);
}
if (needed.size > 0) console.log(`  loaded from node_modules at run time: ${[...needed].join(', ')}`);

function packageName(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
