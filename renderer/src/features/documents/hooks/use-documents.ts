import { useCallback, useEffect } from 'react';
import { useStore } from '../../../store';

/**
 * The newest documents in the vault matching `query` (all of them for ''). Fetched on mount and
 * whenever the query changes; kept in the store so that locking the vault drops them, and dropped
 * when the view closes too (nothing read from the vault is kept longer than it is shown).
 */
export function useDocuments(query: string) {
  const documents = useStore((s) => s.documents);
  const loadDocuments = useStore((s) => s.loadDocuments);
  const clearDocuments = useStore((s) => s.clearDocuments);
  useEffect(() => {
    void loadDocuments(query);
  }, [query, loadDocuments]);
  useEffect(() => clearDocuments, [clearDocuments]);
  const reload = useCallback(() => void loadDocuments(query), [query, loadDocuments]);
  return { ...documents, reload };
}
