import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../../../common/errors';
import { openStream } from '../../../api';

/** One verification of a pack's files, as the row shows it. */
export type VerifyState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number; file: string }
  | { phase: 'passed'; total: number }
  | { phase: 'failed'; problem: string; total: number }
  | { phase: 'stopped' }
  | { phase: 'error'; error: AppErrorData };

/**
 * Subscribes to `models.verify` for one pack: hashing progress, then the result (which names the
 * file that did not match). Stopping or leaving the view cancels the subscription.
 */
export function useVerify(id: string, onFinished: () => void) {
  const [state, setState] = useState<VerifyState>({ phase: 'idle' });
  const cancelRef = useRef<(() => void) | null>(null);
  const totalRef = useRef(0);

  useEffect(() => () => cancelRef.current?.(), []);

  const start = useCallback(() => {
    cancelRef.current?.();
    totalRef.current = 0;
    setState({ phase: 'running', done: 0, total: 0, file: '' });
    cancelRef.current = openStream(
      'models.verify',
      { id },
      {
        onEvent(event) {
          if (event.type === 'progress') {
            totalRef.current = event.total;
            setState({ phase: 'running', done: event.done, total: event.total, file: event.file });
          } else if (event.ok) {
            setState({ phase: 'passed', total: totalRef.current });
          } else {
            setState({ phase: 'failed', problem: event.problem ?? '', total: totalRef.current });
          }
        },
        onEnd() {
          cancelRef.current = null;
          onFinished();
        },
        onError(error) {
          cancelRef.current = null;
          setState({ phase: 'error', error: error.toData() });
          onFinished();
        },
      },
    );
  }, [id, onFinished]);

  const cancel = useCallback(() => {
    if (!cancelRef.current) return;
    cancelRef.current();
    cancelRef.current = null;
    setState({ phase: 'stopped' });
  }, []);

  return { state, start, cancel };
}
