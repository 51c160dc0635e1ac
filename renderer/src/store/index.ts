import { create } from 'zustand';
import { createAppSlice } from './app.slice';
import { createErrorsSlice } from './errors.slice';
import { createSelfTestSlice } from './self-test.slice';
import { createStatusSlice } from './status.slice';
import type { StoreState } from './types';

/** The one bound store; components select what they need at the call site. */
export const useStore = create<StoreState>()((...args) => ({
  ...createAppSlice(...args),
  ...createStatusSlice(...args),
  ...createErrorsSlice(...args),
  ...createSelfTestSlice(...args),
}));

export type { StoreState } from './types';
