import type { VaultService } from '../vault';
import { demoBody, demoDocuments } from './demo-documents';

/**
 * Fills an unlocked vault with the demo documents, each with its revisions as later versions.
 * `copies` repeats the set (numbered) for a larger vault.
 */
export async function seedDemo(
  vault: VaultService,
  options: { copies?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ documents: number; versions: number }> {
  const copies = options.copies ?? 1;
  const total = copies * demoDocuments.length;
  let documents = 0;
  let versions = 0;
  for (let copy = 0; copy < copies; copy += 1) {
    for (const doc of demoDocuments) {
      const title = copies > 1 ? `${doc.title} (#${copy + 1})` : doc.title;
      const base = {
        title,
        templateId: doc.templateId,
        industry: doc.industry,
        classification: doc.classification,
        ...(doc.subjectId !== undefined && { subjectId: `${doc.subjectId}-${copy}` }),
      };
      const { id } = await vault.documents.save({ ...base, body: demoBody(doc, 0, copy) });
      versions += 1;
      for (let revision = 1; revision <= doc.revisions.length; revision += 1) {
        await vault.documents.save({ ...base, id, body: demoBody(doc, revision, copy) });
        versions += 1;
      }
      documents += 1;
      options.onProgress?.(documents, total);
    }
  }
  return { documents, versions };
}
