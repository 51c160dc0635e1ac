/**
 * The desktop app itself: launches the built app (dist/electron + dist/renderer) with the real
 * Electron binary and checks the window, the bridge and what the page must NOT have. Skips itself,
 * without starting any browser, where the binary is absent (npm install never downloads it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import type { StarringBridge } from '../../common/contract';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The binary as the electron package finds it (honours ELECTRON_OVERRIDE_DIST_PATH), or why not. */
function findElectron(): { path: string } | { path: null; why: string } {
  try {
    const path: unknown = createRequire(join(root, 'package.json'))('electron');
    if (typeof path === 'string' && existsSync(path)) return { path };
    return { path: null, why: `${String(path)} does not exist` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      path: null,
      why: /failed to install correctly/.test(message)
        ? "npm install skips electron's postinstall download (allowScripts), so node_modules/electron has no dist/"
        : message.split('\n')[0]!,
    };
  }
}

const binary = findElectron();
test.skip(
  binary.path === null,
  `Electron binary not installed (${binary.path === null ? binary.why : ''}): run npm start on a connected machine to fetch it`,
);

type StarringWindow = Window & { starring: StarringBridge; require?: unknown };

let app: ElectronApplication;
let userData = '';

test.beforeAll(() => {
  // The renderer is built by `npm run test:e2e`; the shell bundles are cheap to refresh here.
  execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: root, stdio: 'pipe' });
});

test.beforeEach(async () => {
  userData = mkdtempSync(join(tmpdir(), 'starring-electron-'));
  app = await electron.launch({
    executablePath: binary.path ?? '',
    args: [root],
    cwd: root,
    // A fresh data folder per test (honoured only by an unpackaged app); no proxy, no inherited Node options.
    env: { ...process.env, STARRING_USER_DATA_DIR: userData, NODE_OPTIONS: '' },
  });
});

test.afterEach(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

// eslint-disable-next-line no-empty-pattern -- no browser fixture: this test brings its own Electron.
test('opens one hardened window whose page has window.starring and no Node', async ({}, testInfo) => {
  const appWindow = await app.firstWindow();
  await appWindow.waitForLoadState('domcontentloaded');

  await expect(appWindow).toHaveTitle(/StarRing Workspace|星环工作台/);
  expect(appWindow.url()).toBe('app://starring/index.html');

  const page = await appWindow.evaluate(() => {
    const w = window as unknown as StarringWindow;
    return {
      starring: typeof w.starring,
      methods: w.starring ? Object.keys(w.starring).sort() : [],
      require: typeof w.require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
      ipcRenderer: typeof (globalThis as { ipcRenderer?: unknown }).ipcRenderer,
    };
  });
  expect(page).toEqual({
    starring: 'object',
    methods: ['cancel', 'invoke', 'subscribe'],
    require: 'undefined',
    process: 'undefined',
    module: 'undefined',
    ipcRenderer: 'undefined',
  });

  // The bridge reaches the real core over IPC.
  const info = await appWindow.evaluate(() =>
    (window as unknown as StarringWindow).starring.invoke('app.info', {}),
  );
  expect(info).toMatchObject({ ok: true, value: { name: 'StarRing Workspace', transport: 'electron' } });

  // The main process's view: still one window on our page after the page tries
  // to open another and to navigate away.
  await appWindow.evaluate(() => {
    window.open('https://example.com/', '_blank');
    window.location.href = 'https://example.com/';
  });
  await appWindow.waitForTimeout(500);
  expect(appWindow.url()).toBe('app://starring/index.html');
  const shell = await app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows();
    return { count: windows.length, url: windows[0]?.webContents.getURL() };
  });
  expect(shell).toEqual({ count: 1, url: 'app://starring/index.html' });

  await appWindow.screenshot({ path: testInfo.outputPath('main-window.png') });
});
