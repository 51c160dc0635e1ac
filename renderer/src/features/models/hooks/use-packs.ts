import { useCallback } from 'react';
import { api } from '../../../api';
import { useApiQuery } from '../../../lib/use-api-query';

/** Set by `refresh()`: the next load asks the core to look on disk again instead of its cache. */
let rediscoverNext = false;

const loadPacks = () => {
  const refresh = rediscoverNext;
  rediscoverNext = false;
  return api.models.packs({ refresh });
};

/**
 * The model packs on this device with integrity, approval, size and use. `reload` asks again
 * (after a verification or a test prompt changed what the core knows); `refresh` also makes the
 * core look in the pack folders again, for a pack IT copied in while the app was open.
 */
export function usePacks() {
  const query = useApiQuery(loadPacks);
  const { reload } = query;
  const refresh = useCallback(() => {
    rediscoverNext = true;
    reload();
  }, [reload]);
  return { ...query, refresh };
}
