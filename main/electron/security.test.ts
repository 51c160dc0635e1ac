import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu';
import { isAllowedRequestUrl, withSecurityHeaders } from './security';

describe('request filter', () => {
  it('lets through only our origin, data: images and DevTools', () => {
    expect(isAllowedRequestUrl('app://starring/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'wss://example.com/socket',
      'file:///etc/passwd',
      'ftp://example.com/',
      'app://elsewhere/index.html',
      'blob:app://starring/1234',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });
});

describe('response headers', () => {
  it('replaces any CSP a response brings with ours, whatever its case', () => {
    const headers = withSecurityHeaders({
      'content-security-policy': ['default-src *'],
      'Content-Type': ['text/html'],
    });
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'content-security-policy')).toEqual([
      'Content-Security-Policy',
    ]);
    expect(headers['Content-Security-Policy']).toEqual([expect.stringContaining("default-src 'none'")]);
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['X-Content-Type-Options']).toEqual(['nosniff']);
  });
});

describe('application menu', () => {
  const roles = (template: ReturnType<typeof menuTemplate>): string[] =>
    template.flatMap((item) => [
      ...(item.role ? [item.role] : []),
      ...(Array.isArray(item.submenu) ? item.submenu.flatMap((sub) => (sub.role ? [sub.role] : [])) : []),
    ]);

  it('offers reload and DevTools only in development, and no links out', () => {
    const production = roles(menuTemplate({ platform: 'win32', development: false }));
    expect(production).not.toContain('toggleDevTools');
    expect(production).not.toContain('reload');
    expect(production).not.toContain('help');
    expect(roles(menuTemplate({ platform: 'linux', development: true }))).toContain('toggleDevTools');
    expect(roles(menuTemplate({ platform: 'darwin', development: false }))).toContain('appMenu');
  });
});
