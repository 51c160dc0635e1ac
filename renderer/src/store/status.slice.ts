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

export const createStatusSlice: SliceCreator<StatusSlice> = (set, get) => ({
  status: null,
  statusLink: 'connecting',
  setStatus(status) {
    set({ status, statusLink: 'live' });
    // The vault's part is news for the gate too: an idle lock in main shows the unlock screen.
    get().followVaultStatus(status.vault);
  },
  setStatusLost() {
    set({ statusLink: 'lost' });
  },
});
