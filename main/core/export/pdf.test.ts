import { existsSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdf, wrap } from './pdf';
import { DEFAULT_CJK_FONTS } from './pdf-fonts';
import { qcLoaded, soapLoaded } from './test-fixtures';
import { toExportDocument } from './to-export-model';

const cjk = existsSync(DEFAULT_CJK_FONTS.regular);

describe('renderPdf', () => {
  it('writes A4 pages with metadata (title, keywords with signatures and AI provenance)', async () => {
    const bytes = await renderPdf(toExportDocument(soapLoaded), '2026-12-06T05:00:00.000Z');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize().width).toBeCloseTo(595.28, 1);
    expect(pdf.getTitle()).toBe('SOAP note — follow-up | "diabetes"');
    const keywords = pdf.getKeywords() ?? '';
    expect(keywords).toContain('signed:author:Dr. Lin Wei:2026-12-01T10:15:00.000Z');
    expect(keywords).toContain(`ai-model:tiny-gpt2:${'ab'.repeat(32)}`);
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-12-06T05:00:00.000Z');
  }, 30_000);

  it.runIf(cjk)(
    'embeds a subset of Noto Sans CJK so Chinese text is drawn, not replaced',
    async () => {
      const pdf = await PDFDocument.load(
        await renderPdf(toExportDocument(soapLoaded, 'zh-CN'), '2026-12-06T05:00:00.000Z'),
      );
      const fonts = pdf.context
        .enumerateIndirectObjects()
        .map(([, object]) => (object instanceof PDFDict ? object.get(PDFName.of('BaseFont')) : undefined))
        .filter((name) => name !== undefined)
        .map(String);
      expect(fonts.some((name) => /^\/NotoSansCJKsc-Regular/.test(name))).toBe(true);
      expect(pdf.getKeywords()).not.toContain('latin-only-font');
    },
    30_000,
  );

  it('breaks long content over pages', async () => {
    const doc = toExportDocument(qcLoaded);
    const table = doc.sections[0]!.blocks[0]!;
    if (table.kind !== 'table') throw new Error('not a table');
    table.rows = Array.from({ length: 120 }, (_, i) => [`F${i}`, '10', '0.1', '0.1', '10', 'PASS']);
    const pdf = await PDFDocument.load(await renderPdf(doc, '2026-12-06T05:00:00.000Z'));
    expect(pdf.getPageCount()).toBeGreaterThan(2);
  }, 30_000);
});

describe('wrap', () => {
  it('breaks at spaces within the width, splits over-long words and keeps hard line breaks', async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = wrap(
      'the quick brown fox jumps over the lazy dog\nsupercalifragilisticexpialidocious',
      font,
      10,
      60,
    );
    for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(60);
    expect(lines.join(' ').replace(/\s+/g, ' ')).toContain('the quick');
    expect(lines.join('')).toContain('supercalifragilisticexpialidocious'.slice(0, 8));
    expect(lines.length).toBeGreaterThan(4);
  });

  it.runIf(cjk)(
    'breaks Chinese between characters',
    async () => {
      const pdf = await PDFDocument.create();
      const { embedFonts } = await import('./pdf-fonts');
      const { regular } = await embedFonts(pdf);
      const lines = wrap(
        '患者精神好转，血压稳定，继续目前治疗方案并三个月后复查糖化血红蛋白。',
        regular,
        10,
        60,
      );
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) expect(regular.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(60.01);
    },
    30_000,
  );
});
