import type { DocumentSummary } from '../../../common/contract';
import { api, toAppError } from '../api';
import type { QueryState } from '../lib/use-api-query';
import type { SliceCreator } from './types';

export interface DocumentPage {
  /** The search these results answer ('' for all documents). */
  query: string;
  items: DocumentSummary[];
  total: number;
}

/**
 * The Documents list lives in the store, not in the view, so that locking the vault can drop it
 * in one place: nothing read from the vault stays in the renderer's memory.
 */
export interface DocumentsSlice {
  documents: QueryState<DocumentPage>;
  loadDocuments(query: string): Promise<void>;
  clearDocuments(): void;
}

/** The newest documents, enough for a screen; the search narrows them. */
const PAGE_SIZE = 100;

export const createDocumentsSlice: SliceCreator<DocumentsSlice> = (set, get) => {
  /** Only the latest request may fill the list (an earlier search can answer later). */
  let latest = 0;

  return {
    documents: { status: 'loading' },

    async loadDocuments(query) {
      const request = ++latest;
      set((state) => ({
        documents:
          state.documents.status === 'ready'
            ? { ...state.documents, refreshing: true }
            : { status: 'loading' },
      }));
      try {
        const page = await api.documents.list({ query, limit: PAGE_SIZE });
        if (request !== latest) return;
        set({ documents: { status: 'ready', data: { query, ...page }, refreshing: false } });
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
