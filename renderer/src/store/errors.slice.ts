import type { ErrorCode } from '../../../common/errors';
import { toAppError } from '../api';
import type { SliceCreator } from './types';

export interface ShownError {
  id: number;
  code: ErrorCode;
  message: string;
}

/** Failures shown in the error banner until the user dismisses them: never swallowed. */
export interface ErrorsSlice {
  errors: ShownError[];
  reportError(error: unknown): void;
  dismissError(id: number): void;
}

let nextErrorId = 0;

export const createErrorsSlice: SliceCreator<ErrorsSlice> = (set, get) => ({
  errors: [],
  reportError(error) {
    const { code, message } = toAppError(error);
    // The vault locked under a call (idle lock): the unlock screen says so better than a banner.
    if (code === 'VAULT_LOCKED') {
      void get().loadVault();
      return;
    }
    set((state) => {
      // The same failure repeated (a retry, a second view) is one problem, shown once.
      if (state.errors.some((shown) => shown.code === code && shown.message === message)) return state;
      nextErrorId += 1;
      return { errors: [...state.errors, { id: nextErrorId, code, message }] };
    });
  },
  dismissError(id) {
    set((state) => ({ errors: state.errors.filter((shown) => shown.id !== id) }));
  },
});
