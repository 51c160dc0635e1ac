import { api } from '../../../api';
import { useApiQuery } from '../../../lib/use-api-query';

const loadAudit = () => api.audit.recent({ limit: 200 });

/** This session's audit events, newest first; fetched fresh each time the view opens. */
export function useAudit() {
  return useApiQuery(loadAudit);
}
