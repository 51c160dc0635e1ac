import type { Classification, RequestOf } from '../../../../../common/contract';

export type ExportFormat = NonNullable<RequestOf<'policy.explain'>['exportFormat']>;

/** Document classifications, least to most sensitive (the matrix's columns). */
export const classifications = [
  'public',
  'internal',
  'confidential',
  'phi',
] as const satisfies readonly Classification[];

export const exportFormats = ['pdf', 'docx', 'markdown', 'fhir'] as const satisfies readonly ExportFormat[];

/**
 * One row of "What you may do": a contract channel (the Cedar action, see
 * main/core/policy/action-catalog.ts) and, for exports, the format. `document: false` rows act on
 * the workspace (the audit log), so the classification does not change their answer.
 */
export interface MatrixRow {
  id: 'open' | 'edit' | 'sign' | `export${Capitalize<ExportFormat>}` | 'ai' | 'auditView' | 'auditExport';
  action: string;
  exportFormat?: ExportFormat;
  document: boolean;
}

export const matrixRows: readonly MatrixRow[] = [
  { id: 'open', action: 'documents.open', document: true },
  { id: 'edit', action: 'documents.save', document: true },
  { id: 'sign', action: 'documents.sign', document: true },
  { id: 'exportPdf', action: 'documents.export', exportFormat: 'pdf', document: true },
  { id: 'exportDocx', action: 'documents.export', exportFormat: 'docx', document: true },
  { id: 'exportMarkdown', action: 'documents.export', exportFormat: 'markdown', document: true },
  { id: 'exportFhir', action: 'documents.export', exportFormat: 'fhir', document: true },
  { id: 'ai', action: 'assistant.chat', document: true },
  { id: 'auditView', action: 'audit.recent', document: false },
  { id: 'auditExport', action: 'audit.exportBundle', document: false },
];

/** The actions the "Check an action" form offers. */
export interface CheckAction {
  id: 'open' | 'edit' | 'delete' | 'sign' | 'export' | 'ai' | 'auditView' | 'auditExport';
  action: string;
  document: boolean;
}

export const checkActions: readonly CheckAction[] = [
  { id: 'open', action: 'documents.open', document: true },
  { id: 'edit', action: 'documents.save', document: true },
  { id: 'delete', action: 'documents.delete', document: true },
  { id: 'sign', action: 'documents.sign', document: true },
  { id: 'export', action: 'documents.export', document: true },
  { id: 'ai', action: 'assistant.chat', document: true },
  { id: 'auditView', action: 'audit.recent', document: false },
  { id: 'auditExport', action: 'audit.exportBundle', document: false },
];

export function cellKey(row: MatrixRow, classification: Classification): string {
  return `${row.id}:${classification}`;
}
