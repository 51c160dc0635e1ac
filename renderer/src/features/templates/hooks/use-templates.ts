import { api } from '../../../api';
import { useApiQuery } from '../../../lib/use-api-query';

const loadTemplates = () => api.templates.list({});

/** Templates available for new documents, every industry. */
export function useTemplates() {
  return useApiQuery(loadTemplates);
}
