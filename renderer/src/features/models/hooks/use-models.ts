import { api } from '../../../api';
import { useApiQuery } from '../../../lib/use-api-query';

const loadModels = () => api.models.list({});

/** Model packs found on this device, with their verification state. */
export function useModels() {
  return useApiQuery(loadModels);
}
