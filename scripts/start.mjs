// `npm start [-- --port N --vault DIR --no-electron]`: builds the renderer and the Electron bundles,
// then opens the desktop app. Without an Electron binary (npm install never downloads it: the
// package's postinstall is denied in package.json's allowScripts so an offline install cannot
// fail), it first tries to fetch it the way electron's postinstall would; if that fails it says
// why and how to fix it, then serves the same app through the browser harness instead.
import { spawn, spawnSync } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const downloadTimeoutMs = Number(process.env.STARRING_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 120_000);

const { values } = parseArgs({
  options: {
    'no-electron': { type: 'boolean', default: false },
    port: { type: 'string' },
    vault: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`npm start [-- options]
  --no-electron   serve the app to a browser (the harness) instead of opening the desktop app
  --port N        harness port (default 5178)
  --vault DIR     data folder (harness; for the desktop app in development, instead of userData)`);
  process.exit(0);
}

run(npm, ['run', 'build:renderer', '--silent'], 'Building the renderer');

if (values['no-electron']) {
  startHarness();
} else {
  run(process.execPath, ['scripts/build-electron.mjs'], 'Bundling the Electron shell');
  let binary = electronBinary();
  if (!binary.path) {
    console.log(`\nElectron's binary is not installed (${binary.why}); fetching it now…`);
    const attempt = await downloadElectron();
    if (!attempt.ok) attempt.reason = await withNetworkDiagnosis(attempt.reason);
    binary = electronBinary();
    if (!binary.path) {
      console.error(explainMissingBinary(attempt));
      startHarness();
    }
  }
  if (binary.path) startElectron(binary.path);
}

/** Runs a build step; stops `npm start` with its exit code when it fails. */
function run(command, args, label) {
  console.log(`${label}…`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: command === 'npm.cmd' });
  if (result.status !== 0) {
    console.error(`${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

/** The Electron executable, as the electron package locates it (honours ELECTRON_OVERRIDE_DIST_PATH). */
function electronBinary() {
  let path;
  try {
    path = require('electron');
  } catch (error) {
    const why = /failed to install correctly/.test(firstLine(error))
      ? "npm install leaves it out: package.json's allowScripts skips electron's postinstall download"
      : firstLine(error);
    return { path: null, why };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { path: null, why: `${path} does not exist` };
  return { path, why: '' };
}

/** electron's own postinstall (node_modules/electron/install.js), bounded by a timeout. */
function downloadElectron() {
  const env = { ...process.env };
  // `npm start` is an explicit request for the binary; a skip flag meant for `npm install` must not
  // turn it into a silent no-op.
  const skipWasSet = Boolean(env.ELECTRON_SKIP_BINARY_DOWNLOAD);
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      done({
        ok: false,
        reason: `the download did not finish within ${Math.round(downloadTimeoutMs / 1000)} s`,
        skipWasSet,
      });
    }, downloadTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      done({ ok: false, reason: firstLine(error), skipWasSet });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({
        ok: code === 0,
        reason: code === 0 ? '' : summarize(output) || `install.js exited with ${code}`,
        skipWasSet,
      });
    });
  });
}

function explainMissingBinary(attempt) {
  const version = require('electron/package.json').version;
  return [
    '',
    `Electron's binary could not be downloaded (${attempt.reason || 'install.js finished but no binary appeared'}).`,
    `  On a connected machine \`npm start\` downloads it (Electron ${version}, from github.com).`,
    '  Offline or behind a proxy: set ELECTRON_MIRROR to an internal mirror and run `npm start` again,',
    '  or unpack an Electron build and set ELECTRON_OVERRIDE_DIST_PATH to its folder.',
    ...(attempt.skipWasSet
      ? ['  (ELECTRON_SKIP_BINARY_DOWNLOAD is set in your environment; it was ignored for this attempt.)']
      : []),
    'Starting the browser harness instead — the same app, served to a browser on this machine:',
    '',
  ].join('\n');
}

function startElectron(executable) {
  const env = { ...process.env };
  if (values.vault) env.STARRING_USER_DATA_DIR = resolve(values.vault);
  console.log('Starting StarRing Workspace…');
  supervise(spawn(executable, [root], { cwd: root, env, stdio: 'inherit' }));
}

function startHarness() {
  const args = [];
  if (values.port) args.push('--port', values.port);
  if (values.vault) args.push('--vault', values.vault);
  // `node --import tsx` is what `npx tsx` runs, minus two wrapper processes between us and the
  // harness, so Ctrl+C and a supervisor's SIGTERM reach it directly.
  supervise(
    spawn(process.execPath, ['--import', 'tsx', 'main/harness/dev-browser.ts', ...args], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
}

/** Passes our signals on to the app and leaves with its exit status. */
function supervise(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`Could not start ${child.spawnfile}: ${firstLine(error)}`);
    process.exit(1);
  });
}

/**
 * install.js prints only undici's "fetch failed", not its cause; a DNS lookup of the download host
 * turns that into the actionable "getaddrinfo ENOTFOUND github.com".
 */
async function withNetworkDiagnosis(reason) {
  if (!/fetch failed|ENOTFOUND|EAI_AGAIN/i.test(reason)) return reason;
  let host = 'github.com';
  try {
    if (process.env.ELECTRON_MIRROR) host = new URL(process.env.ELECTRON_MIRROR).hostname;
  } catch {
    /* keep github.com */
  }
  const timeout = new Promise((done) => setTimeout(() => done('timeout'), 5_000).unref());
  const outcome = await Promise.race([
    lookup(host).then(
      () => null,
      (error) => `getaddrinfo ${error.code ?? 'failed'} ${host}`,
    ),
    timeout.then(() => `DNS lookup of ${host} timed out`),
  ]);
  return outcome ?? reason;
}

/** The most telling line of install.js's output, e.g. "getaddrinfo ENOTFOUND github.com". */
function summarize(output) {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const network = lines.find((line) =>
    /\b(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|CERT_|certificate)\b/.test(line),
  );
  const error = lines.find((line) => /error/i.test(line) && !line.startsWith('at '));
  const line = network ?? error ?? lines[0] ?? '';
  return line.replace(/^(RequestError|Error|HTTPError):\s*/, '').slice(0, 300);
}

function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split('\n')[0];
}
