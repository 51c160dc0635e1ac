import { useCallback, useEffect } from 'react';
import { useStore } from '../../../store';
import type { SearchRequestFilters } from '../../../store/documents.slice';

/**
 * The newest documents in the vault matching `query` (all of them for ''). Fetched on mount and
 * whenever the query changes; kept in the store so that locking the vault drops them, and dropped
 * when the view closes too (nothing read from the vault is kept longer than it is shown).
 */
export function useDocuments(query: string, filters?: SearchRequestFilters) {
  const documents = useStore((s) => s.documents);
  const loadDocuments = useStore((s) => s.loadDocuments);
  const clearDocuments = useStore((s) => s.clearDocuments);
  // Filters arrive as a new object each render: compare them by value.
  const filterKey = JSON.stringify(filters ?? {});
  useEffect(() => {
    void loadDocuments(query, JSON.parse(filterKey) as SearchRequestFilters);
  }, [query, filterKey, loadDocuments]);
  useEffect(() => clearDocuments, [clearDocuments]);
  const reload = useCallback(
    () => void loadDocuments(query, JSON.parse(filterKey) as SearchRequestFilters),
    [query, filterKey, loadDocuments],
  );
  return { ...documents, reload };
}
