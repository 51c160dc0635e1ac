import type { AppStatus } from '../../../common/contract';
import type { SliceCreator } from './types';

export interface StatusSlice {
  /** The latest `app.watchStatus` event; null until the first one arrives. */
  status: AppStatus | null;
  /** Whether the status stream is live; 'lost' when it failed (the core went away). */
  statusLink: 'connecting' | 'live' | 'lost';
  setStatus(status: AppStatus): void;
  setStatusLost(): void;
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set) => ({
  status: null,
  statusLink: 'connecting',
  setStatus(status) {
    set({ status, statusLink: 'live' });
  },
  setStatusLost() {
    set({ statusLink: 'lost' });
  },
});
