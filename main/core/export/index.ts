/** Export (PDF, DOCX, Markdown, CSV, FHIR R4): the public surface for core.ts, the CLI and the bench. */
export {
  createExportService,
  renderExport,
  type ExportService,
  type ExportRequest,
  type ExportResult,
} from './export.service';
export { createDocumentLoader } from './document-loader';
export { documentsExport } from './export.handlers';
export { toExportDocument, type LoadedDocument } from './to-export-model';
export type { PrintToPdf } from './pdf';
