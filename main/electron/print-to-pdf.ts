/**
 * The desktop's PDF export: Chromium lays out the core's print view (main/core/export/print-html.ts)
 * exactly as it would print it, which handles every script and font the OS has. The HTML is the
 * core's own, but it carries user text, so the window that renders it gets no preload, no
 * JavaScript, no network and is never shown.
 */
import { BrowserWindow, session } from 'electron';
import type { PrintToPdf } from '../core/export/pdf';

const PRINT_PARTITION = 'starring-print';

export function createPrintToPdf(): PrintToPdf {
  const printSession = session.fromPartition(PRINT_PARTITION);
  // Nothing the print view shows comes from anywhere but the data: URL itself.
  printSession.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !details.url.startsWith('data:') }),
  );
  return async (html) => {
    const window = new BrowserWindow({
      show: false,
      webPreferences: {
        session: printSession,
        javascript: false,
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        offscreen: true,
      },
    });
    try {
      await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      const pdf = await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
    }
  };
}
