import type { DocumentView } from '../../../common/contract';
import type { Template } from '../../../common/documents';
import type { DocumentRecord } from '../vault';
import type { LoadedDocument } from './to-export-model';

export interface LoaderDeps {
  /** The documents service's view (content in the template's shape, legacy bodies converted). */
  view(id: string, version?: number): Promise<DocumentView>;
  /** The vault's record (for the data subject, and the raw body when no template knows it). */
  record(id: string, version?: number): Promise<DocumentRecord>;
  template(id: string): Template | undefined;
}

/**
 * Loads a document for export: through the documents service when it can read it (so exports
 * show exactly what the editor shows), else the raw stored body (documents of a template this
 * app does not have still export their text).
 */
export function createDocumentLoader(
  deps: LoaderDeps,
): (id: string, version?: number) => Promise<LoadedDocument> {
  return async (id, version) => {
    const record = await deps.record(id, version);
    const base = {
      id: record.id,
      templateId: record.templateId,
      industry: record.industry as LoadedDocument['industry'],
      classification: record.classification,
      subjectId: record.subjectId ?? undefined,
    };
    try {
      const view = await deps.view(id, version);
      return {
        ...base,
        title: view.title,
        version: view.version,
        updatedAt: view.updatedAt,
        body: JSON.stringify(view.content),
        template: deps.template(view.templateId),
      };
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'INVALID_ARGUMENT') throw error;
      return {
        ...base,
        title: record.title,
        version: record.version,
        updatedAt: new Date(record.updatedAt).toISOString(),
        body: record.body,
      };
    }
  };
}
