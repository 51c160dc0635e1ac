import { useCallback, useEffect, useState } from 'react';
import type { AppErrorData } from '../../../common/errors';
import { toAppError } from '../api';
import { useStore } from '../store';

export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T; refreshing: boolean }
  | { status: 'error'; error: AppErrorData };

/**
 * Loads once per mount (and on `reload`). Failures go to the error banner and the view shows an
 * inline "could not load" state. `load` must be stable: define it at module level.
 */
export function useApiQuery<T>(load: () => Promise<T>): QueryState<T> & { reload: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reportError = useStore((s) => s.reportError);

  useEffect(() => {
    let live = true;
    load().then(
      (data) => {
        if (live) setState({ status: 'ready', data, refreshing: false });
      },
      (error: unknown) => {
        if (!live) return;
        const appError = toAppError(error);
        setState({ status: 'error', error: appError.toData() });
        reportError(appError);
      },
    );
    return () => {
      live = false;
    };
  }, [load, generation, reportError]);

  const reload = useCallback(() => {
    setState((current) =>
      current.status === 'ready' ? { ...current, refreshing: true } : { status: 'loading' },
    );
    setGeneration((g) => g + 1);
  }, []);

  return { ...state, reload };
}
