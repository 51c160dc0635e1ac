/**
 * What every exporter renders: a document flattened to sections of labelled blocks, with its
 * signature block and AI provenance. One model for all formats keeps their layout the same (the
 * HTML print view, PDF, DOCX and Markdown show the same sections in the same order).
 */
import type { Classification, Industry } from '../../../common/contract';

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Written by AI and accepted by the user (carries provenance). */
  ai?: boolean;
}

export interface Paragraph {
  style: 'p' | 'h1' | 'h2' | 'h3' | 'bullet' | 'ordered' | 'quote' | 'code';
  runs: TextRun[];
}

export type ExportBlock =
  | { kind: 'field'; label: string; text: string }
  | { kind: 'rich'; label: string; paragraphs: Paragraph[] }
  | {
      kind: 'table';
      id: string;
      label: string;
      columns: string[];
      rows: string[][];
      overall?: 'PASS' | 'FAIL';
    }
  | { kind: 'checklist'; label: string; items: Array<{ label: string; checked: boolean }> };

export interface ExportSection {
  title: string;
  blocks: ExportBlock[];
}

export interface ExportSignature {
  name: string;
  /** ISO 8601 date-time. */
  at: string;
  meaning: 'author' | 'reviewer' | 'approver';
  version: number;
}

export interface ExportProvenance {
  model: string;
  packSha256: string;
  provider: string;
  at: string;
  /** The field (label) the AI text went into. */
  field?: string;
}

export interface ExportDocument {
  id: string;
  title: string;
  templateId: string;
  templateName: string;
  industry: Industry;
  classification: Classification;
  version: number;
  /** ISO 8601. */
  updatedAt: string;
  owner?: string;
  subjectId?: string;
  sections: ExportSection[];
  signatures: ExportSignature[];
  provenance: ExportProvenance[];
  /** The document's raw field values by id (FHIR maps some of them to coded elements). */
  values: Record<string, unknown>;
}

export const meaningLabel: Record<ExportSignature['meaning'], string> = {
  author: 'Author',
  reviewer: 'Reviewer',
  approver: 'Approver',
};

/** One line per signature, the same words in every format. */
export function signatureLine(s: ExportSignature): string {
  return `${meaningLabel[s.meaning]}: ${s.name}, ${s.at} (version ${s.version})`;
}

/** The provenance as one line (DOCX/PDF keywords, Markdown front matter). */
export function provenanceLine(p: ExportProvenance): string {
  return `${p.model} (pack sha256 ${p.packSha256 || 'n/a'}, ${p.provider}, ${p.at}${p.field ? `, ${p.field}` : ''})`;
}

/** Plain text of a paragraph. */
export function paragraphText(p: Paragraph): string {
  return p.runs.map((r) => r.text).join('');
}
