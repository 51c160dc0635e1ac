import { useEffect } from 'react';
import { openStream } from '../../../api';
import { useStore } from '../../../store';

/** Subscribes to `app.watchStatus` while the workspace is mounted; cancels on unmount. */
export function useWatchStatus(): void {
  const setStatus = useStore((s) => s.setStatus);
  const setStatusLost = useStore((s) => s.setStatusLost);
  const reportError = useStore((s) => s.reportError);
  useEffect(
    () =>
      openStream(
        'app.watchStatus',
        {},
        {
          onEvent: setStatus,
          // The core never ends this stream on its own; if it does, the bar must not claim to be live.
          onEnd: setStatusLost,
          onError(error) {
            setStatusLost();
            reportError(error);
          },
        },
      ),
    [setStatus, setStatusLost, reportError],
  );
}
