import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFileFormat } from '../../../common/contract/export.contract';
import { AppError } from '../../../common/errors';
import type { Clock } from '../clock';
import { renderCsv } from './csv';
import { renderDocx } from './docx';
import type { ExportDocument } from './export-model';
import { buildFhirBundle } from './fhir/fhir-bundle';
import { renderMarkdown } from './markdown';
import { renderPdf, stampPdf, type PrintToPdf } from './pdf';
import { renderPrintHtml } from './print-html';
import { toExportDocument, type LoadedDocument } from './to-export-model';

export interface ExportRequest {
  documentId: string;
  format: ExportFileFormat;
  version?: number | undefined;
  locale: 'en' | 'zh-CN';
  tableId?: string | undefined;
}

export interface ExportResult {
  fileName: string;
  path: string;
  format: ExportFileFormat;
  mediaType: string;
  bytes: number;
  sha256: string;
}

export interface ExportServiceDeps {
  /** The document (a version of it) with its template, as the documents service knows it. */
  load(id: string, version?: number): Promise<LoadedDocument>;
  clock: Clock;
  /** Where files go when the shell does not ask the user (harness, CLI, tests). */
  exportsDir: string;
  /** The desktop shell's save dialog; null means the user cancelled. */
  choosePath?: ((suggestedName: string, format: ExportFileFormat) => Promise<string | null>) | undefined;
  /** The desktop shell's printToPDF of the print view; pdf-lib lays the PDF out without it. */
  printToPdf?: PrintToPdf | undefined;
}

export const MEDIA_TYPES: Record<ExportFileFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  markdown: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  fhir: 'application/fhir+json',
};

const EXTENSIONS: Record<ExportFileFormat, string> = {
  pdf: 'pdf',
  docx: 'docx',
  markdown: 'md',
  csv: 'csv',
  fhir: 'fhir.json',
};

/** A file name from the title that is safe on every OS (no separators, reserved characters or dots at the ends). */
export function safeFileName(title: string, version: number, format: ExportFileFormat): string {
  const base =
    title
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+|\.+$/g, '')
      .slice(0, 80) || 'document';
  return `${base} v${version}.${EXTENSIONS[format]}`;
}

/** Renders one format. Pure apart from fonts and the optional printToPDF hook. */
export async function renderExport(
  doc: ExportDocument,
  request: Pick<ExportRequest, 'format' | 'tableId'>,
  exportedAt: string,
  printToPdf?: PrintToPdf,
): Promise<Uint8Array> {
  switch (request.format) {
    case 'markdown':
      return Buffer.from(renderMarkdown(doc, exportedAt), 'utf8');
    case 'csv':
      return Buffer.from(renderCsv(doc, request.tableId), 'utf8');
    case 'docx':
      return renderDocx(doc, exportedAt);
    case 'pdf':
      return printToPdf
        ? stampPdf(await printToPdf(renderPrintHtml(doc)), doc, exportedAt)
        : renderPdf(doc, exportedAt);
    case 'fhir': {
      const bundle = buildFhirBundle(doc, { exportedAt, markdown: renderMarkdown(doc, exportedAt) });
      return Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, 'utf8');
    }
  }
}

/**
 * `documents.export`: loads the document, renders the format, writes the file (where the user
 * chose, or the exports folder) and returns what the audit entry records: format, bytes, SHA-256.
 * Policy (may this classification leave as this format?) was decided by the router before this runs.
 */
export function createExportService(deps: ExportServiceDeps) {
  return {
    async export(request: ExportRequest): Promise<ExportResult> {
      const loaded = await deps.load(request.documentId, request.version);
      const doc = toExportDocument(loaded, request.locale);
      const exportedAt = deps.clock.now().toISOString();
      const bytes = await renderExport(doc, request, exportedAt, deps.printToPdf);
      const fileName = safeFileName(doc.title, doc.version, request.format);
      let path: string | null;
      if (deps.choosePath) {
        path = await deps.choosePath(fileName, request.format);
        if (path === null) throw new AppError('CANCELLED', 'The export was cancelled.');
      } else {
        await mkdir(deps.exportsDir, { recursive: true, mode: 0o700 });
        path = join(deps.exportsDir, fileName);
      }
      await writeFile(path, bytes, { mode: 0o600 });
      return {
        fileName,
        path,
        format: request.format,
        mediaType: MEDIA_TYPES[request.format],
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
