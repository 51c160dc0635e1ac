import { api } from '../../../api';
import { useApiQuery } from '../../../lib/use-api-query';

const loadDocuments = () => api.documents.list({ limit: 100 });

/** The newest documents in the vault. */
export function useDocuments() {
  return useApiQuery(loadDocuments);
}
