import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditExportEvent, AuditExportRequest } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { openStream } from '../../../api';

export type ExportDone = Extract<AuditExportEvent, { type: 'done' }>;

export type ExportRun =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number }
  | { phase: 'done'; result: ExportDone }
  | { phase: 'cancelled' }
  /** error null: the stream ended without a result (should not happen). */
  | { phase: 'failed'; error: AppErrorData | null };

/**
 * One `audit.exportBundle` subscription: progress, then the saved bundle. Cancelling (or leaving
 * the view) cancels the subscription, and the core stops writing and removes its temp file.
 */
export function useExport(): {
  run: ExportRun;
  start(request: AuditExportRequest): void;
  cancel(): void;
  reset(): void;
} {
  const [run, setRun] = useState<ExportRun>({ phase: 'idle' });
  const stopRef = useRef<(() => void) | null>(null);

  const stop = useCallback(() => {
    stopRef.current?.();
    stopRef.current = null;
  }, []);

  useEffect(() => stop, [stop]);

  const start = useCallback(
    (request: AuditExportRequest) => {
      stop();
      setRun({ phase: 'running', done: 0, total: 0 });
      let result: ExportDone | null = null;
      stopRef.current = openStream('audit.exportBundle', request, {
        onEvent(event) {
          if (event.type === 'progress') {
            setRun({ phase: 'running', done: event.done, total: event.total });
          } else {
            result = event;
            setRun({ phase: 'done', result: event });
          }
        },
        onEnd() {
          stopRef.current = null;
          if (!result) setRun({ phase: 'failed', error: null });
        },
        onError(error) {
          stopRef.current = null;
          setRun(
            error.code === 'CANCELLED' ? { phase: 'cancelled' } : { phase: 'failed', error: error.toData() },
          );
        },
      });
    },
    [stop],
  );

  const cancel = useCallback(() => {
    if (!stopRef.current) return;
    stop();
    setRun({ phase: 'cancelled' });
  }, [stop]);

  const reset = useCallback(() => {
    stop();
    setRun({ phase: 'idle' });
  }, [stop]);

  return { run, start, cancel, reset };
}
