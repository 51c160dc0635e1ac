/**
 * The desktop app's composition root and lifecycle. Thin on purpose: it wires Electron's objects
 * to the core (main/core, plain Node) and to the hardening in security.ts; all logic lives there.
 * Bundled by scripts/build-electron.mjs to dist/electron/main.cjs (package.json "main").
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createCore, type Core } from '../core/core';
import { APP_SCHEME, appSchemePrivileges, createRendererHandler } from './app-protocol';
import { createIpcAdapter, type IpcAdapter } from './ipc-adapter';
import { menuTemplate } from './menu';
import { modelWorkerEntry, utilityProcessLauncher } from './model-worker-launcher';
import { createPrintToPdf } from './print-to-pdf';
import { createSafeStorageKeyProvider } from './safe-storage-key-provider';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

const APP_ID = 'com.starring.workspace';

// Before `ready`: the scheme must be privileged before any session exists, and every renderer
// (including ones a bug might create) is sandboxed.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
app.enableSandbox();

// Development and e2e runs keep their data apart from a real install; a packaged app ignores this.
const devUserData = process.env.STARRING_USER_DATA_DIR;
if (!app.isPackaged && devUserData) app.setPath('userData', resolve(devUserData));

let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let adapter: IpcAdapter | null = null;

function openMainWindow(): BrowserWindow {
  const window = createMainWindow({
    preload: join(app.getAppPath(), 'dist', 'electron', 'preload.cjs'),
    devTools: !app.isPackaged,
  });
  adapter?.trust(window.webContents);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  hardenSession(session.defaultSession);
  protocol.handle(
    APP_SCHEME,
    createRendererHandler({ rendererDir: join(app.getAppPath(), 'dist', 'renderer'), readFile }),
  );
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ platform: process.platform, development: !app.isPackaged })),
  );

  // The vault's OS-keystore unlock method; on Linux without a keyring it reports itself insecure
  // and the vault asks for a passphrase instead.
  const keys = createSafeStorageKeyProvider({ safeStorage, platform: process.platform });
  console.info(`[keys] OS keystore: ${await keys.backend()} (secure: ${String(await keys.isSecure())})`);

  core = await createCore({
    dataDir: app.getPath('userData'),
    transport: 'electron',
    version: app.getVersion(),
    keyProvider: keys,
    modelWorkerLauncher: utilityProcessLauncher(modelWorkerEntry(__dirname)),
    // Compliance officers choose where an audit bundle goes; the renderer never names a path.
    chooseBundlePath: async (suggestedName) => {
      const options = {
        defaultPath: suggestedName,
        filters: [{ name: 'Audit bundle', extensions: ['zip'] }],
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    // Document exports go where the user chooses, too (filtered to the format's extension).
    printToPdf: createPrintToPdf(),
    chooseExportPath: async (suggestedName, format) => {
      const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
      const options = {
        defaultPath: suggestedName,
        filters: [{ name: format.toUpperCase(), extensions: [extension] }],
      };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  });
  adapter = createIpcAdapter({ ipcMain, router: core.router });
  openMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns this user-data folder; it gets focus (below) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = mainWindow ?? (core ? openMainWindow() : null);
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  // Every webContents the app ever creates gets the navigation/window/webview lockdown.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Give the core a chance to finish writes (the vault's journal) before the process ends.
  app.on('will-quit', (event) => {
    if (!core) return;
    event.preventDefault();
    adapter?.dispose();
    const closing = core;
    core = null;
    void closing
      .close()
      .catch((error: unknown) => console.error('[core] close failed', error))
      .finally(() => app.quit());
  });

  start().catch((error: unknown) => {
    console.error('[startup]', error);
    dialog.showErrorBox(
      'StarRing Workspace could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nData folder: ${app.getPath('userData')}`,
    );
    app.exit(1);
  });
}
