import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, createRendererHandler, isAppUrl, resolveRendererFile } from './app-protocol';

const root = join(sep, 'opt', 'starring', 'dist', 'renderer');

describe('app:// origin', () => {
  it('recognises only app://starring', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://starring/assets/x.js?v=1#a')).toBe(true);
    for (const url of [
      'app://other/index.html',
      'app://user:pw@starring/index.html',
      'https://starring/index.html',
      'file:///index.html',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });

  it('maps URLs into the renderer folder and refuses to leave it', () => {
    expect(resolveRendererFile(root, 'app://starring/')).toBe(join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://starring/assets/index-1.js')).toBe(
      join(root, 'assets', 'index-1.js'),
    );
    for (const url of [
      'app://starring/../secret.txt',
      'app://starring/%2e%2e/%2e%2e/etc/passwd',
      'app://starring/assets/%2e%2e%2f%2e%2e%2fsecret',
      'app://starring/..%5c..%5csecret',
      'app://starring/a%00.js',
      'app://starring/%E0%A4%A',
      'app://elsewhere/index.html',
    ]) {
      const file = resolveRendererFile(root, url);
      expect(file === null || file.startsWith(root + sep), `${url} → ${file}`).toBe(true);
    }
    // The URL parser already folds dot segments (encoded or not) at the origin's root.
    expect(resolveRendererFile(root, 'app://starring/%2e%2e/%2e%2e/etc/passwd')).toBe(
      join(root, 'etc', 'passwd'),
    );
    expect(resolveRendererFile(root, 'app://starring/..%5c..%5csecret')).toBeNull();
  });
});

describe('renderer protocol handler', () => {
  const files = new Map([
    [join(root, 'index.html'), '<!doctype html><title>StarRing Workspace</title>'],
    [join(root, 'assets', 'app.js'), 'console.log(1)'],
  ]);
  const handler = createRendererHandler({
    rendererDir: root,
    readFile: async (path) => {
      const text = files.get(path);
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return new TextEncoder().encode(text);
    },
  });

  it('serves the page with the CSP and nosniff on every response', async () => {
    const response = await handler(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('StarRing');
    const script = await handler(new Request('app://starring/assets/app.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 (with headers) for missing files and traversal, 405 for other methods', async () => {
    const missing = await handler(new Request('app://starring/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await handler(new Request('app://starring/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await handler(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
