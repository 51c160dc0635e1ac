import type { AppErrorData } from '../../../common/errors';
import { openStream } from '../api';
import type { SliceCreator } from './types';

export interface ReencryptRun {
  /** finished: every file is under the fresh key; stopped: the stream failed midway. */
  phase: 'running' | 'finished' | 'stopped';
  done: number;
  total: number;
  error: AppErrorData | null;
}

/** Like the self-test, the run lives in the store so it carries on while the user looks elsewhere. */
export interface ReencryptSlice {
  reencrypt: ReencryptRun | null;
  startReencrypt(): void;
  /** Forgets the run (and stops following it); the vault locking ends it in main anyway. */
  resetReencrypt(): void;
}

export const createReencryptSlice: SliceCreator<ReencryptSlice> = (set, get) => {
  let stop: (() => void) | null = null;

  const update = (patch: Partial<ReencryptRun>): void => {
    const run = get().reencrypt;
    if (run) set({ reencrypt: { ...run, ...patch } });
  };

  return {
    reencrypt: null,

    startReencrypt() {
      if (get().reencrypt?.phase === 'running') return;
      set({ reencrypt: { phase: 'running', done: 0, total: 0, error: null } });
      stop = openStream(
        'vault.reencrypt',
        {},
        {
          onEvent(event) {
            update({ done: event.done, total: event.total });
          },
          onEnd() {
            stop = null;
            update({ phase: 'finished' });
            void get().loadVaultStats();
          },
          onError(error) {
            stop = null;
            update({ phase: 'stopped', error: error.toData() });
          },
        },
      );
    },

    resetReencrypt() {
      stop?.();
      stop = null;
      set({ reencrypt: null });
    },
  };
};
