import type { AppStatus } from '../../../common/contract';

/**
 * Holds the status bar's facts. Other services (vault, sync) report into it; watchers get each
 * change. Starts with honest placeholders: no server configured, vault not set up.
 */
export interface AppStatusService {
  get(): AppStatus;
  update(patch: Partial<AppStatus>): void;
  watch(listener: (status: AppStatus) => void): () => void;
}

export function createAppStatusService(initial: Partial<AppStatus> = {}): AppStatusService {
  let status: AppStatus = { network: 'no-server', sync: 'not-configured', vault: 'not-set-up', ...initial };
  const listeners = new Set<(status: AppStatus) => void>();
  return {
    get: () => status,
    update(patch) {
      const next = { ...status, ...patch };
      if (JSON.stringify(next) === JSON.stringify(status)) return;
      status = next;
      for (const listener of listeners) listener(status);
    },
    watch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
