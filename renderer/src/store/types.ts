import type { StateCreator } from 'zustand';
import type { AppSlice } from './app.slice';
import type { AssistantSlice } from './assistant.slice';
import type { DocumentsSlice } from './documents.slice';
import type { ErrorsSlice } from './errors.slice';
import type { ReencryptSlice } from './reencrypt.slice';
import type { SelfTestSlice } from './self-test.slice';
import type { StatusSlice } from './status.slice';
import type { VaultSlice } from './vault.slice';

/** The bound store's whole state: the union of every slice. */
export type StoreState = AppSlice &
  StatusSlice &
  ErrorsSlice &
  SelfTestSlice &
  VaultSlice &
  DocumentsSlice &
  ReencryptSlice &
  AssistantSlice;

/** A slice sees the whole store (to call another slice's actions) but contributes only its part. */
export type SliceCreator<Slice> = StateCreator<StoreState, [], [], Slice>;
