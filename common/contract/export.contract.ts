import { z } from 'zod';
import { channel } from './define';

/** Formats `documents.export` writes (the policy's ExportFormat, plus csv for a document's tables). */
export const ExportFileFormat = z.enum(['pdf', 'docx', 'markdown', 'csv', 'fhir']);
export type ExportFileFormat = z.infer<typeof ExportFileFormat>;

export const exportContract = {
  'documents.export': channel({
    summary:
      'Exports a document as PDF, DOCX, Markdown, CSV (its tables) or, for clinical documents, a FHIR R4 document Bundle; allowed per classification and format by policy, and audited.',
    request: z.strictObject({
      documentId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'a document id'),
      format: ExportFileFormat,
      /** An earlier version; the current one by default. */
      version: z.number().int().positive().optional(),
      /** Labels from templates in this language. */
      locale: z.enum(['en', 'zh-CN']).default('en'),
      /** CSV: which table (field id); the document's first table by default. */
      tableId: z.string().max(64).optional(),
    }),
    reply: z.strictObject({
      fileName: z.string(),
      /** Where the file was written: the folder the user chose, or the app's exports folder. */
      path: z.string(),
      format: ExportFileFormat,
      mediaType: z.string(),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
    }),
    audited: true,
  }),
};
