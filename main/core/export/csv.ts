import { AppError } from '../../../common/errors';
import type { ExportBlock, ExportDocument } from './export-model';

type Table = Extract<ExportBlock, { kind: 'table' }>;

/** RFC 4180: every field quoted when it holds a quote, comma or line break; CRLF line ends. */
function csvField(text: string): string {
  // A leading = + - @ makes spreadsheets evaluate the cell (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function tablesOf(doc: ExportDocument): Table[] {
  return doc.sections.flatMap((s) => s.blocks.filter((b): b is Table => b.kind === 'table'));
}

/**
 * One table as CSV (UTF-8 with a BOM so spreadsheet programs read non-ASCII correctly). `tableId`
 * picks the table; default the document's first.
 */
export function renderCsv(doc: ExportDocument, tableId?: string): string {
  const tables = tablesOf(doc);
  if (tables.length === 0)
    throw new AppError(
      'INVALID_ARGUMENT',
      'This document has no tables, so there is nothing to export as CSV.',
      {
        field: 'format',
      },
    );
  const table = tableId === undefined ? tables[0]! : tables.find((t) => t.id === tableId);
  if (!table)
    throw new AppError(
      'NOT_FOUND',
      `This document has no table "${tableId}" (tables: ${tables.map((t) => t.id).join(', ')}).`,
      {
        field: 'tableId',
      },
    );
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
