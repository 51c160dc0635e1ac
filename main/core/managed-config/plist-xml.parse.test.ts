import { describe, expect, it } from 'vitest';
import { parsePlistXml, PlistError } from './plist-xml.parse';

const plist = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n${body}\n</plist>\n`;

describe('XML plist parser', () => {
  it('reads every plist type', () => {
    const value = parsePlistXml(
      plist(`<dict>
  <!-- a comment -->
  <key>s</key><string>a &amp; b &lt;c&gt; &#x4E2D;&#25991;</string>
  <key>empty</key><string/>
  <key>i</key><integer>-42</integer>
  <key>r</key><real>1.5</real>
  <key>t</key><true/>
  <key>f</key><false/>
  <key>d</key><date>2026-11-24T10:00:00Z</date>
  <key>bytes</key><data>
    AAEC
  </data>
  <key>list</key><array><string>x</string><array/><dict/></array>
</dict>`),
    );
    expect(value).toEqual({
      s: 'a & b <c> 中文',
      empty: '',
      i: -42,
      r: 1.5,
      t: true,
      f: false,
      d: '2026-11-24T10:00:00Z',
      bytes: new Uint8Array([0, 1, 2]),
      list: ['x', [], {}],
    });
  });

  it('keeps a hostile __proto__ key as plain data', () => {
    const value = parsePlistXml(
      plist('<dict><key>__proto__</key><dict><key>admin</key><true/></dict></dict>'),
    ) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['<dict><key>a</key></dict>', /expected a tag|unexpected <\/dict>/],
    ['<dict><string>x</string></dict>', /expected <key>/],
    ['<integer>12a</integer>', /invalid integer/],
    ['<string>unterminated', /missing <\/string>/],
    ['<widget/>', /unknown plist element/],
    ['<string>x</string><string>y</string>', /expected <\/plist>/],
  ])('refuses %s', (body, message) => {
    expect(() => parsePlistXml(plist(body))).toThrow(PlistError);
    expect(() => parsePlistXml(plist(body))).toThrow(message);
  });
});
