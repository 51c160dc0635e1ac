import type { ExportDocument } from './export-model';
import { provenanceLine, signatureLine } from './export-model';

/**
 * The facts every format carries as metadata (DOCX properties, PDF info and keywords, Markdown
 * front matter): identity, classification, signatures and AI provenance.
 */
export interface ExportMetadata {
  title: string;
  subject: string;
  keywords: string[];
  custom: Record<string, string>;
}

export function exportMetadata(doc: ExportDocument, exportedAt: string): ExportMetadata {
  const custom: Record<string, string> = {
    'starring.documentId': doc.id,
    'starring.version': String(doc.version),
    'starring.template': doc.templateId,
    'starring.classification': doc.classification,
    'starring.exportedAt': exportedAt,
  };
  doc.signatures.forEach((s, i) => {
    custom[`starring.signature.${i + 1}`] = signatureLine(s);
  });
  doc.provenance.forEach((p, i) => {
    custom[`starring.ai.${i + 1}`] = provenanceLine(p);
  });
  return {
    title: doc.title,
    subject: `${doc.templateName} · ${doc.classification.toUpperCase()}`,
    keywords: [
      `classification:${doc.classification}`,
      `industry:${doc.industry}`,
      ...doc.signatures.map((s) => `signed:${s.meaning}:${s.name}:${s.at}`),
      ...doc.provenance.map((p) => `ai-model:${p.model}:${p.packSha256}:${p.at}`),
    ],
    custom,
  };
}
