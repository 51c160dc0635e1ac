import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, built from roles only. It replaces Electron's default menu, whose Help
 * entries open electronjs.org in the browser — a regulated install should not offer links out.
 * Edit roles stay: on macOS copy and paste work only through the menu. Reload and DevTools only in
 * development.
 */
export function menuTemplate(options: {
  platform: NodeJS.Platform;
  development: boolean;
}): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(options.development
      ? ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as const)
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
}
