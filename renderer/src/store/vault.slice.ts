import type { AppStatus, VaultState, VaultStats } from '../../../common/contract';
import type { AppErrorData } from '../../../common/errors';
import { api, toAppError } from '../api';
import { requestHeadingFocus } from '../app/navigation';
import type { SliceCreator } from './types';

/** What the vault gate knows: still asking, the core's answer, or why it could not be read. */
export type VaultView =
  { phase: 'loading' } | { phase: 'ready'; state: VaultState } | { phase: 'failed'; error: AppErrorData };

export interface VaultSlice {
  vault: VaultView;
  /** Counts and sizes of the unlocked vault (Settings); dropped whenever the vault locks. */
  vaultStats: VaultStats | null;
  /** Asks the core for the vault's state (at start, and whenever the status bar disagrees). */
  loadVault(): Promise<void>;
  /**
   * Runs a vault call that replies with the new state (create, unlock, lock, change…) and shows
   * that state. Failures are thrown for the form that made the call to show in place.
   */
  changeVault(call: () => Promise<VaultState>): Promise<VaultState>;
  /** Lock now (the Lock button, Ctrl/Cmd+L); a failure goes to the error banner. */
  lockVault(): Promise<void>;
  loadVaultStats(): Promise<void>;
  setVaultStats(stats: VaultStats): void;
  /** Called with every `app.watchStatus` event: an idle lock shows the unlock screen at once. */
  followVaultStatus(reported: AppStatus['vault']): void;
  /** Drops everything read from the vault (documents, stats, a re-encryption run). */
  forgetVaultData(): void;
}

const reportedFor: Record<VaultState['state'], AppStatus['vault']> = {
  absent: 'not-set-up',
  locked: 'locked',
  unlocked: 'unlocked',
};

export const createVaultSlice: SliceCreator<VaultSlice> = (set, get) => {
  /** Bumped by every change; a state read that started before one is stale and dropped. */
  let generation = 0;
  let changesInFlight = 0;

  const show = (state: VaultState): void => {
    const before = get().vault;
    if (state.state !== 'unlocked') get().forgetVaultData();
    // Focus the section heading when the gate opens the frame (not on the first load: the page
    // then starts like any other, with nothing focused).
    if (state.state === 'unlocked' && before.phase === 'ready' && before.state.state !== 'unlocked') {
      requestHeadingFocus();
    }
    set({ vault: { phase: 'ready', state } });
  };

  return {
    vault: { phase: 'loading' },
    vaultStats: null,

    async loadVault() {
      const started = ++generation;
      const current = (): boolean => started === generation && changesInFlight === 0;
      try {
        const state = await api.vault.state({});
        if (current()) show(state);
      } catch (error) {
        if (!current()) return;
        const appError = toAppError(error);
        // A damaged vault replaces whatever was shown; anything else while the app is open is
        // reported without taking the user's screen away.
        if (get().vault.phase === 'ready' && appError.code !== 'STORE_CORRUPT') {
          get().reportError(appError);
        } else {
          get().forgetVaultData();
          set({ vault: { phase: 'failed', error: appError.toData() } });
        }
      }
    },

    async changeVault(call) {
      generation += 1;
      changesInFlight += 1;
      try {
        const state = await call();
        show(state);
        return state;
      } finally {
        changesInFlight -= 1;
      }
    },

    async lockVault() {
      try {
        await get().changeVault(() => api.vault.lock({}));
      } catch (error) {
        get().reportError(error);
      }
    },

    async loadVaultStats() {
      try {
        const stats = await api.vault.stats({});
        const view = get().vault;
        if (view.phase === 'ready' && view.state.state === 'unlocked') set({ vaultStats: stats });
      } catch (error) {
        get().reportError(error);
      }
    },

    setVaultStats(stats) {
      set({ vaultStats: stats });
    },

    followVaultStatus(reported) {
      const view = get().vault;
      if (view.phase !== 'ready' || reportedFor[view.state.state] === reported) return;
      if (reported === 'locked' && view.state.state === 'unlocked') {
        // The idle lock fired in main: nothing read from the vault stays on screen or in memory.
        get().forgetVaultData();
        set({ vault: { phase: 'ready', state: { ...view.state, state: 'locked' } } });
      }
      // Then the full state (unlock methods, attempts) from the core.
      void get().loadVault();
    },

    forgetVaultData() {
      get().clearDocuments();
      get().resetReencrypt();
      set({ vaultStats: null });
    },
  };
};
