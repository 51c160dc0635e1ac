import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';
import { extractTtcFace } from './ttc-face';

/** Where Debian's fonts-noto-cjk puts its collections (Simplified Chinese face chosen). */
export const DEFAULT_CJK_FONTS = {
  regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
};

export interface PdfFonts {
  regular: PDFFont;
  bold: PDFFont;
  /** False when no CJK font was found: text outside Latin-1 is replaced, and the PDF says so. */
  unicode: boolean;
}

type FontkitLike = Parameters<PDFDocument['registerFontkit']>[0];
interface GlyphLike {
  advanceWidth: number;
}
interface FontLike {
  glyphsForString(text: string): GlyphLike[];
}

const faces = new Map<string, Promise<Uint8Array | undefined>>();
const parsed = new Map<Uint8Array, unknown>();

function loadFace(path: string): Promise<Uint8Array | undefined> {
  let face = faces.get(path);
  if (!face) {
    face = readFile(path).then(
      (bytes) => extractTtcFace(bytes, (name) => name.includes('CJKsc-')),
      () => undefined,
    );
    faces.set(path, face);
  }
  return face;
}

/**
 * fontkit, wrapped for speed: a parsed font is kept per process (parsing the 16 MB Noto face takes
 * about a second), and `layout` maps characters to glyphs without OpenType shaping — Latin and CJK
 * need none, and full shaping with the CJK font's large GSUB tables cost ~4 ms per line.
 */
const fastFontkit = {
  create(bytes: Uint8Array, name?: string): unknown {
    let font = parsed.get(bytes);
    if (!font) {
      const real = (fontkit as unknown as { create(b: Uint8Array, n?: string): FontLike }).create(
        bytes,
        name,
      );
      font = new Proxy(real as object, {
        get(target, prop) {
          if (prop === 'layout') {
            return (text: string) => {
              const glyphs = (target as FontLike).glyphsForString(text);
              return {
                glyphs,
                positions: glyphs.map((g) => ({
                  xAdvance: g.advanceWidth,
                  yAdvance: 0,
                  xOffset: 0,
                  yOffset: 0,
                })),
              };
            };
          }
          const value: unknown = Reflect.get(target, prop, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
      parsed.set(bytes, font);
    }
    return font;
  },
} as unknown as FontkitLike;

/** Embeds the CJK-capable fonts (subset), or the standard Helvetica when none is installed. */
export async function embedFonts(pdf: PDFDocument, paths = DEFAULT_CJK_FONTS): Promise<PdfFonts> {
  const [regular, bold] = await Promise.all([loadFace(paths.regular), loadFace(paths.bold)]);
  if (regular) {
    pdf.registerFontkit(fastFontkit);
    const r = await pdf.embedFont(regular, { subset: true });
    const b = bold ? await pdf.embedFont(bold, { subset: true }) : r;
    return { regular: r, bold: b, unicode: true };
  }
  return {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    unicode: false,
  };
}

/** Text the standard fonts can draw (WinAnsi): common symbols mapped, the rest replaced by '?'. */
export function latinOnly(text: string): string {
  return (
    text
      .replace(/[−‐‑]/g, '-')
      .replace(/[≤]/g, '<=')
      .replace(/[≥]/g, '>=')
      .replace(/[☑✓]/g, 'x')
      .replace(/[☐]/g, ' ')
      // eslint-disable-next-line no-control-regex -- the range is Latin-1 itself, controls included
      .replace(/[^\u0000-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, '?')
  );
}
