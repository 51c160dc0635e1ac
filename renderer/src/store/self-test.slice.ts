import { openStream } from '../api';
import type { SliceCreator } from './types';

export interface SelfTestResult {
  check: string;
  passed: boolean;
  detail: string;
}

export interface SelfTestRun {
  /** finished: the core ran every check; stopped: the stream failed midway. */
  phase: 'running' | 'finished' | 'cancelled' | 'stopped';
  /** Number of checks, known from the first progress event (0 before). */
  total: number;
  /** The check running now. */
  current: string | null;
  results: SelfTestResult[];
}

/**
 * The run lives in the store, not in the Settings view, so it carries on (and keeps its results)
 * when the user looks at another section meanwhile.
 */
export interface SelfTestSlice {
  selfTest: SelfTestRun | null;
  startSelfTest(): void;
  cancelSelfTest(): void;
}

/** Spacing between checks, so progress is visible instead of one flash. */
const CHECK_DELAY_MS = 300;

export const createSelfTestSlice: SliceCreator<SelfTestSlice> = (set, get) => {
  let stop: (() => void) | null = null;

  const update = (patch: Partial<SelfTestRun>): void => {
    const run = get().selfTest;
    if (run) set({ selfTest: { ...run, ...patch } });
  };

  return {
    selfTest: null,

    startSelfTest() {
      stop?.();
      set({ selfTest: { phase: 'running', total: 0, current: null, results: [] } });
      stop = openStream(
        'diagnostics.selfTest',
        { delayMs: CHECK_DELAY_MS },
        {
          onEvent(event) {
            const run = get().selfTest;
            if (!run) return;
            if (event.type === 'progress') {
              update({ total: event.total, current: event.done < event.total ? event.check : null });
            } else {
              const { check, passed, detail } = event;
              update({ results: [...run.results, { check, passed, detail }] });
            }
          },
          onEnd() {
            stop = null;
            update({ phase: 'finished', current: null });
          },
          onError(error) {
            stop = null;
            update({ phase: 'stopped', current: null });
            get().reportError(error);
          },
        },
      );
    },

    cancelSelfTest() {
      if (get().selfTest?.phase !== 'running') return;
      stop?.();
      stop = null;
      update({ phase: 'cancelled', current: null });
    },
  };
};
