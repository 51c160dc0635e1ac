/**
 * The shell's hardening, applied to the session and to every webContents the app ever creates
 * (main.ts hooks `web-contents-created`, so a window we forgot still gets it). The renderer is
 * an app, not a browser: it never navigates, never opens windows, never embeds webviews, never
 * gets a permission and never loads anything from the network.
 */
import type { Session, WebContents } from 'electron';
import { isAppUrl, securityHeaders } from './app-protocol';

export type SecurityLog = (message: string) => void;

const defaultLog: SecurityLog = (message) => console.warn(`[security] ${message}`);

/**
 * Which requests a page may make: our own origin, inline `data:` images (the CSP's img-src), and
 * DevTools' own pages when DevTools is open in development. Everything else — http(s), ws(s),
 * file, ftp — is cancelled before it leaves the process, whatever the CSP says.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  return url.startsWith('data:') || url.startsWith('devtools://');
}

/** Drops any Content-Security-Policy a response carries and sets ours and the other headers. */
export function withSecurityHeaders(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> {
  const ours = securityHeaders();
  const names = new Set(Object.keys(ours).map((name) => name.toLowerCase()));
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!names.has(name.toLowerCase())) result[name] = value;
  }
  for (const [name, value] of Object.entries(ours)) result[name] = [value];
  return result;
}

export function hardenSession(session: Session, log: SecurityLog = defaultLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission request "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // The spell checker downloads dictionaries from Google's CDN: off, it is remote content.
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event) => event.preventDefault());

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log(`blocked request to ${redact(details.url)}`);
    callback({ cancel: !allowed });
  });
  // protocol.handle responses already carry the headers (createRendererHandler); this covers any
  // other response Chromium might still receive, so no page in this session runs without our CSP.
  session.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development only) brings its own CSP; ours would break its frontend.
    if (details.url.startsWith('devtools://')) callback({});
    else callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}

export function hardenWebContents(contents: WebContents, log: SecurityLog = defaultLog): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    log(`denied navigation to ${redact(event.url)}`);
  });
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return; // will-navigate above already decided.
    event.preventDefault();
    log(`denied subframe navigation to ${redact(event.url)}`);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
    log(`denied redirect to ${redact(event.url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('denied a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`denied a new window for ${redact(url)}`);
    return { action: 'deny' };
  });
}

/** URLs go to the log without query or fragment: they may carry tokens or patient data. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:') return 'data:…';
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.slice(0, 200);
  } catch {
    return '(unparseable URL)';
  }
}
