/**
 * The `app://starring/` origin the renderer is served from.
 *
 * Why a custom protocol and not file://: a page on file:// has no real origin (every local file
 * shares it, so `'self'` in the CSP would allow any file on disk), gets privileges a web page
 * never has (reading other file:// URLs — the GrantFileProtocolExtraPrivileges fuse, which we turn
 * off), and cannot carry response headers. A privileged *standard* scheme gives the renderer a
 * proper origin of its own (storage, CSP `'self'`, the IPC sender check all key on it), and every
 * byte it loads goes through `createRendererHandler` below, which serves only the built renderer
 * folder, refuses path traversal and sets the security headers on each response. This is item 18
 * of Electron's security checklist.
 */
import type { CustomScheme } from 'electron';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../../common/csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'starring';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before `ready`. `standard` gives the scheme origins and relative URLs, `secure` makes
 * it a secure context (like https), `supportFetchAPI` lets the page fetch its own assets and
 * `codeCache` keeps V8's code cache working. Deliberately NOT `bypassCSP`, `corsEnabled` or
 * `allowServiceWorkers`.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

/** True for URLs on our own origin, `app://starring/…` (a standard scheme's origin is host-based). */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Headers every response of the app origin carries. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/**
 * Maps an app:// URL onto a file inside `rendererDir`, or null when the URL is not ours or would
 * leave the folder (`..`, encoded separators, absolute paths).
 */
export function resolveRendererFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = normalize(pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
  if (relative.startsWith('..') || relative.startsWith(sep)) return null;
  const root = normalize(rendererDir);
  const file = join(root, relative);
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

export interface RendererHandlerDeps {
  /** The built renderer (dist/renderer, inside app.asar when packaged). */
  rendererDir: string;
  readFile(path: string): Promise<Uint8Array>;
}

/** The `protocol.handle('app', …)` handler: GET/HEAD of files in the renderer folder, nothing else. */
export function createRendererHandler(deps: RendererHandlerDeps): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = securityHeaders();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers });
    }
    const file = resolveRendererFile(deps.rendererDir, request.url);
    if (file === null) return new Response(null, { status: 404, headers });
    let body: Uint8Array;
    try {
      body = await deps.readFile(file);
    } catch {
      return new Response(null, { status: 404, headers });
    }
    headers['Content-Type'] = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers,
    });
  };
}
