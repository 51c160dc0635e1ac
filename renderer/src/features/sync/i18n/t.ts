/**
 * Sync's strings (the Organisation server panel and the status bar's sync facts) live in their own
 * i18next namespace, "syncView", registered in renderer/src/i18n/index.ts. `useSyncT` is typed by
 * en.json: a missing key is a compile error. Plural keys are asked for without `_one`/`_other`.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type en from './en.json';

export const SYNC_NS = 'syncView';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

export type SyncKey = WithoutPlural<Leaves<typeof en>>;
export type SyncT = (key: SyncKey, values?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** `t` for this feature, re-created when the language changes. */
export function useSyncT(): SyncT {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  return useMemo(() => {
    const fixed = (instance.getFixedT as (lng: string, ns: string) => LooseT)(language, SYNC_NS);
    return (key, values) => fixed(key, values);
  }, [instance, language]);
}
