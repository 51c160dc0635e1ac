import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { ExportDocument } from './export-model';
import { meaningLabel, paragraphText } from './export-model';
import { exportMetadata } from './metadata';
import { embedFonts, latinOnly, type PdfFonts } from './pdf-fonts';

/** A4 in points, with the print view's 20 mm margins. */
const PAGE = { width: 595.28, height: 841.89, margin: 56.7 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;

/** Words, spaces and single CJK characters: the units a line may break between. */
function tokens(text: string): string[] {
  return (
    text.match(
      /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}，。、；：！？）」』]|\s+|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu,
    ) ?? []
  );
}

const widths = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of a piece of text, cached per font and size. Glyphs are placed without shaping or kerning
 * (pdf-fonts.ts), so widths add up and a line is measured token by token, never re-measured whole.
 */
function measure(font: PDFFont, size: number, text: string): number {
  let cache = widths.get(font);
  if (!cache) {
    cache = new Map();
    widths.set(font, cache);
  }
  const key = `${size}\u0000${text}`;
  let w = cache.get(key);
  if (w === undefined) {
    w = font.widthOfTextAtSize(text, size);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, w);
  }
  return w;
}

/** Greedy line breaking at `width`; a word longer than a line is split by characters. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const hard of text.split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const token of tokens(hard)) {
      const w = measure(font, size, token);
      if (lineWidth + w <= width) {
        line += token;
        lineWidth += w;
      } else if (line === '' || /^\s+$/.test(line)) {
        // One token wider than the line: break it by characters.
        for (const ch of token) {
          const cw = measure(font, size, ch);
          if (lineWidth + cw > width && line !== '') {
            lines.push(line);
            line = '';
            lineWidth = 0;
          }
          line += ch;
          lineWidth += cw;
        }
      } else {
        lines.push(line.trimEnd());
        line = /^\s+$/.test(token) ? '' : token;
        lineWidth = line === '' ? 0 : w;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Draws top to bottom, adding pages as needed, with a footer on each page. */
class Layout {
  page!: PDFPage;
  y = 0;
  pages = 0;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: PdfFonts,
    private readonly footer: string,
  ) {
    this.newPage();
  }

  text(s: string): string {
    return this.fonts.unicode ? s : latinOnly(s);
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages += 1;
    this.y = PAGE.height - PAGE.margin;
    this.page.drawText(this.text(`${this.footer} · ${this.pages}`), {
      x: PAGE.margin,
      y: PAGE.margin / 2,
      size: 8,
      font: this.fonts.regular,
      color: rgb(0.4, 0.4, 0.4),
    });
  }

  ensure(height: number): void {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  paragraph(
    s: string,
    options: { size?: number; bold?: boolean; indent?: number; gap?: number; color?: number } = {},
  ): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.fonts.bold : this.fonts.regular;
    const indent = options.indent ?? 0;
    const leading = size * 1.4;
    for (const line of wrap(this.text(s), font, size, CONTENT_WIDTH - indent)) {
      this.ensure(leading);
      this.y -= leading;
      if (line)
        this.page.drawText(line, {
          x: PAGE.margin + indent,
          y: this.y,
          size,
          font,
          color: rgb(options.color ?? 0, options.color ?? 0, options.color ?? 0),
        });
    }
    this.y -= options.gap ?? size * 0.5;
  }

  table(columns: string[], rows: string[][]): void {
    const size = 9;
    const pad = 3;
    const leading = size * 1.35;
    const colWidth = CONTENT_WIDTH / Math.max(columns.length, 1);
    const drawRow = (cells: string[], bold: boolean) => {
      const font = bold ? this.fonts.bold : this.fonts.regular;
      const wrapped = cells.map((c) => wrap(this.text(c), font, size, colWidth - 2 * pad));
      const height = Math.max(...wrapped.map((w) => w.length), 1) * leading + 2 * pad;
      this.ensure(height);
      const top = this.y;
      wrapped.forEach((lines, i) => {
        const x = PAGE.margin + i * colWidth;
        this.page.drawRectangle({
          x,
          y: top - height,
          width: colWidth,
          height,
          borderColor: rgb(0.6, 0.6, 0.6),
          borderWidth: 0.5,
        });
        lines.forEach((line, j) => {
          if (line)
            this.page.drawText(line, { x: x + pad, y: top - pad - (j + 1) * leading + 2, size, font });
        });
      });
      this.y = top - height;
    };
    drawRow(columns, true);
    for (const row of rows) drawRow(row, false);
    this.y -= 8;
  }
}

/**
 * PDF with pdf-lib, laid out like the HTML print view (print-html.ts): title, a line of document
 * facts, sections with their fields, tables and checklists, then the signature block. Text is set
 * in Noto Sans CJK when installed (embedded as a subset), so Chinese prints; without it the standard
 * Helvetica is used and characters it cannot draw become '?', which the PDF's keywords state.
 */
export async function renderPdf(doc: ExportDocument, exportedAt: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts = await embedFonts(pdf);
  const meta = exportMetadata(doc, exportedAt);
  const l = new Layout(pdf, fonts, `${doc.title} · ${doc.classification.toUpperCase()} · v${doc.version}`);
  l.paragraph(doc.title, { size: 18, bold: true, gap: 4 });
  l.paragraph(
    `${doc.templateName} · ${doc.classification.toUpperCase()} · version ${doc.version} · ${doc.updatedAt}`,
    { size: 9, color: 0.35, gap: 12 },
  );
  for (const section of doc.sections) {
    if (section.title) l.paragraph(section.title, { size: 13, bold: true, gap: 4 });
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'field':
          l.paragraph(`${block.label}: ${block.text}`);
          break;
        case 'rich':
          if (block.label) l.paragraph(block.label, { size: 11, bold: true, gap: 2 });
          for (const p of block.paragraphs) {
            const text = paragraphText(p);
            if (p.style === 'bullet' || p.style === 'ordered') l.paragraph(`• ${text}`, { indent: 12 });
            else if (p.style === 'h1' || p.style === 'h2' || p.style === 'h3')
              l.paragraph(text, { size: 11, bold: true });
            else l.paragraph(text, { indent: p.style === 'quote' ? 18 : 0 });
          }
          break;
        case 'table':
          l.paragraph(block.label, { size: 11, bold: true, gap: 4 });
          l.table(block.columns, block.rows);
          if (block.overall) l.paragraph(`Overall: ${block.overall}`, { bold: true });
          break;
        case 'checklist':
          l.paragraph(block.label, { size: 11, bold: true, gap: 2 });
          for (const item of block.items)
            l.paragraph(`[${item.checked ? 'x' : ' '}] ${item.label}`, { indent: 12, gap: 2 });
          break;
      }
    }
  }
  l.paragraph('Signatures', { size: 13, bold: true, gap: 4 });
  if (doc.signatures.length === 0) l.paragraph('Not signed.', { color: 0.35 });
  else
    l.table(
      ['Meaning', 'Name', 'Date and time', 'Version'],
      doc.signatures.map((s) => [meaningLabel[s.meaning], s.name, s.at, String(s.version)]),
    );
  if (doc.provenance.length > 0)
    l.paragraph(`AI-assisted text: ${[...new Set(doc.provenance.map((p) => p.model))].join(', ')}`, {
      size: 8,
      color: 0.35,
    });

  await applyPdfMetadata(pdf, meta, doc, exportedAt, fonts.unicode);
  return pdf.save();
}

/** Info dictionary: title, subject, author, keywords (signatures, AI provenance), dates. */
export async function applyPdfMetadata(
  pdf: PDFDocument,
  meta: ReturnType<typeof exportMetadata>,
  doc: ExportDocument,
  exportedAt: string,
  unicode: boolean,
): Promise<void> {
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setSubject(meta.subject);
  pdf.setAuthor(doc.owner ?? 'StarRing Workspace');
  pdf.setCreator('StarRing Workspace');
  pdf.setProducer('StarRing Workspace (pdf-lib)');
  pdf.setKeywords([
    ...meta.keywords,
    ...(unicode ? [] : ['note:latin-only-font (characters outside Latin-1 replaced)']),
  ]);
  pdf.setCreationDate(new Date(exportedAt));
  pdf.setModificationDate(new Date(exportedAt));
  await Promise.resolve();
}

/**
 * The desktop shell's renderer of the print view (Electron `webContents.printToPDF`), when present:
 * HTML in, PDF bytes out. The core stamps the same metadata onto its output.
 */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

export async function stampPdf(
  bytes: Uint8Array,
  doc: ExportDocument,
  exportedAt: string,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes);
  await applyPdfMetadata(pdf, exportMetadata(doc, exportedAt), doc, exportedAt, true);
  return pdf.save();
}
