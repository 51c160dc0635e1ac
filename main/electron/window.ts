import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';

export interface MainWindowOptions {
  /** dist/electron/preload.cjs: bundled to CommonJS because a sandboxed preload cannot be ESM. */
  preload: string;
  /** DevTools only in development builds. */
  devTools: boolean;
}

/**
 * The one application window. Every web preference that matters is spelled out even where it is
 * Electron's default, so a reviewer (or a future default change) cannot miss one.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'StarRing Workspace',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    console.error('[window] the renderer did not load', error);
  });
  return window;
}
