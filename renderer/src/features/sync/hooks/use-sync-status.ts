import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../../../common/contract';
import type { AppError } from '../../../../../common/errors';
import { api } from '../../../api';
import { useStore } from '../../../store';

/** How often the open panel refreshes (the sync loop runs in the core either way). */
const REFRESH_MS = 2_000;

export interface SyncStatusState {
  status: SyncStatus | null;
  error: AppError | null;
  /** Replaces the status with a reply the caller already has (enroll, sync now). */
  set(status: SyncStatus): void;
  refresh(): Promise<void>;
}

/** `sync.status` while the panel is mounted, refreshed every couple of seconds and when the vault changes. */
export function useSyncStatus(): SyncStatusState {
  const vaultState = useStore((s) => s.status?.vault);
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const alive = useRef(true);

  const refresh = useCallback(async () => {
    try {
      const next = await api.sync.status({});
      if (alive.current) {
        setStatus(next);
        setError(null);
      }
    } catch (caught) {
      if (alive.current) setError(caught as AppError);
    }
  }, []);

  useEffect(() => {
    alive.current = true;
    // Off the effect's own turn: the first reply lands as any later one does.
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      alive.current = false;
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [refresh, vaultState]);

  return { status, error, set: setStatus, refresh };
}
