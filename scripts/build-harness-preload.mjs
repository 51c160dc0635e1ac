// Bundles the browser harness's `window.starring` shim into one classic script.
import { build } from 'esbuild';

await build({
  entryPoints: ['preload/harness-preload.ts'],
  outfile: 'dist/harness/harness-preload.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome120',
  logLevel: 'warning',
});
