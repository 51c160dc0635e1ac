import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph as DocxParagraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ExportDocument, Paragraph } from './export-model';
import { meaningLabel } from './export-model';
import { exportMetadata } from './metadata';

/** East Asian text uses a CJK font Word has on every platform; Latin keeps the theme font. */
const EAST_ASIA_FONT = 'Microsoft YaHei';

function run(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun {
  return new TextRun({ text, font: { eastAsia: EAST_ASIA_FONT }, ...options });
}

function paragraph(p: Paragraph): DocxParagraph {
  const children = p.runs.map((r) =>
    run(r.text, { ...(r.bold && { bold: true }), ...(r.italic && { italics: true }) }),
  );
  switch (p.style) {
    case 'h1':
    case 'h2':
    case 'h3':
      return new DocxParagraph({ heading: HeadingLevel.HEADING_4, children });
    case 'bullet':
      return new DocxParagraph({ bullet: { level: 0 }, children });
    case 'ordered':
      return new DocxParagraph({ bullet: { level: 0 }, children });
    case 'quote':
      return new DocxParagraph({ indent: { left: 720 }, children });
    default:
      return new DocxParagraph({ children });
  }
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: '999999' };

function table(columns: string[], rows: string[][]): Table {
  const cell = (text: string, header: boolean) =>
    new TableCell({
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      children: [new DocxParagraph({ children: [run(text, header ? { bold: true } : {})] })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((c) => cell(c, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}

/**
 * DOCX with the `docx` library (pure JavaScript, no Word or LibreOffice needed): the same
 * sections as the print view, the signature block at the end, and metadata in the core
 * properties (title, subject, keywords) and custom properties (signatures, AI provenance).
 */
export async function renderDocx(doc: ExportDocument, exportedAt: string): Promise<Buffer> {
  const meta = exportMetadata(doc, exportedAt);
  const children: Array<DocxParagraph | Table> = [
    new DocxParagraph({ heading: HeadingLevel.TITLE, children: [run(doc.title)] }),
    new DocxParagraph({
      children: [
        run(
          `${doc.templateName} · ${doc.classification.toUpperCase()} · version ${doc.version} · ${doc.updatedAt}`,
          {
            italics: true,
          },
        ),
      ],
    }),
  ];
  for (const section of doc.sections) {
    if (section.title)
      children.push(new DocxParagraph({ heading: HeadingLevel.HEADING_2, children: [run(section.title)] }));
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'field':
          children.push(
            new DocxParagraph({ children: [run(`${block.label}: `, { bold: true }), run(block.text)] }),
          );
          break;
        case 'rich':
          if (block.label)
            children.push(
              new DocxParagraph({ heading: HeadingLevel.HEADING_3, children: [run(block.label)] }),
            );
          children.push(...block.paragraphs.map(paragraph));
          break;
        case 'table':
          children.push(new DocxParagraph({ heading: HeadingLevel.HEADING_3, children: [run(block.label)] }));
          children.push(table(block.columns, block.rows));
          if (block.overall)
            children.push(
              new DocxParagraph({ children: [run(`Overall: ${block.overall}`, { bold: true })] }),
            );
          break;
        case 'checklist':
          children.push(new DocxParagraph({ heading: HeadingLevel.HEADING_3, children: [run(block.label)] }));
          for (const item of block.items)
            children.push(
              new DocxParagraph({ children: [run(`${item.checked ? '☑' : '☐'} ${item.label}`)] }),
            );
          break;
      }
    }
  }
  children.push(new DocxParagraph({ heading: HeadingLevel.HEADING_2, children: [run('Signatures')] }));
  if (doc.signatures.length === 0)
    children.push(new DocxParagraph({ children: [run('Not signed.', { italics: true })] }));
  else
    children.push(
      table(
        ['Meaning', 'Name', 'Date and time', 'Version'],
        doc.signatures.map((s) => [meaningLabel[s.meaning], s.name, s.at, String(s.version)]),
      ),
    );
  if (doc.provenance.length > 0) {
    children.push(
      new DocxParagraph({
        alignment: AlignmentType.LEFT,
        children: [
          run(`AI-assisted text: ${[...new Set(doc.provenance.map((p) => p.model))].join(', ')}`, {
            italics: true,
          }),
        ],
      }),
    );
  }
  const document = new Document({
    title: meta.title,
    subject: meta.subject,
    creator: doc.owner ?? 'StarRing Workspace',
    keywords: meta.keywords.join('; '),
    description: `Exported from StarRing Workspace at ${exportedAt}`,
    customProperties: Object.entries(meta.custom).map(([name, value]) => ({ name, value })),
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
