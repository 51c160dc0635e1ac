import type { DocumentSummary, RequestOf, SearchSource, SemanticStatus } from '../../../common/contract';
import { api, toAppError } from '../api';
import type { QueryState } from '../lib/use-api-query';
import type { SliceCreator } from './types';

export interface DocumentPage {
  /** The search these results answer ('' for all documents). */
  query: string;
  items: DocumentSummary[];
  total: number;
  /** Present when the page answers `search.query` (text or filters): where each hit came from. */
  sources?: Record<string, SearchSource[]>;
  /** Whether semantic search took part, and if not, why. */
  semantic?: SemanticStatus;
  filtered?: boolean;
}

export type SearchRequestFilters = NonNullable<RequestOf<'search.query'>['filters']>;

/**
 * The Documents list lives in the store, not in the view, so that locking the vault can drop it
 * in one place: nothing read from the vault stays in the renderer's memory.
 */
export interface DocumentsSlice {
  documents: QueryState<DocumentPage>;
  /** Lists documents; with a query or filters, searches (full-text + semantic, ranked). */
  loadDocuments(query: string, filters?: SearchRequestFilters): Promise<void>;
  clearDocuments(): void;
}

/** The newest documents, enough for a screen; the search narrows them. */
const PAGE_SIZE = 100;

export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get) => {
  /** Only the latest request may fill the list (an earlier search can answer later). */
  let latest = 0;

  return {
    documents: { status: 'loading' },

    async loadDocuments(query, filters) {
      const request = ++latest;
      set((state) => ({
        documents:
          state.documents.status === 'ready'
            ? { ...state.documents, refreshing: true }
            : { status: 'loading' },
      }));
      try {
        const filtered = filters !== undefined && Object.keys(filters).length > 0;
        let data: DocumentPage;
        if (query === '' && !filtered) {
          data = { query, ...(await api.documents.list({ query, limit: PAGE_SIZE })) };
        } else {
          const result = await api.search.query({
            text: query,
            limit: PAGE_SIZE,
            ...(filtered && { filters }),
          });
          data = {
            query,
            items: result.items.map((hit) => hit.document),
            total: result.total,
            sources: Object.fromEntries(result.items.map((hit) => [hit.document.id, hit.sources])),
            semantic: result.semantic,
            filtered,
          };
        }
        if (request !== latest) return;
        set({ documents: { status: 'ready', data, refreshing: false } });
      } catch (error) {
        if (request !== latest) return;
        const appError = toAppError(error);
        set({ documents: { status: 'error', error: appError.toData() } });
        get().reportError(appError);
      }
    },

    clearDocuments() {
      latest += 1;
      set({ documents: { status: 'loading' } });
    },
  };
};
