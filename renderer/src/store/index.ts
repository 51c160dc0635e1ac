import { create } from 'zustand';
import { createAppSlice } from './app.slice';
import { createAssistantSlice } from './assistant.slice';
import { createDocumentsSlice } from './documents.slice';
import { createErrorsSlice } from './errors.slice';
import { createReencryptSlice } from './reencrypt.slice';
import { createSelfTestSlice } from './self-test.slice';
import { createStatusSlice } from './status.slice';
import type { StoreState } from './types';
import { createVaultSlice } from './vault.slice';

/** The one bound store; components select what they need at the call site. */
export const useStore = create<StoreState>()((...args) => ({
  ...createAppSlice(...args),
  ...createStatusSlice(...args),
  ...createErrorsSlice(...args),
  ...createSelfTestSlice(...args),
  ...createVaultSlice(...args),
  ...createDocumentsSlice(...args),
  ...createReencryptSlice(...args),
  ...createAssistantSlice(...args),
}));

export type { StoreState } from './types';
