/**
 * The Assistant view's strings live in their own i18next namespace ("assistantView", registered with the
 * app's resources in renderer/src/i18n/index.ts) so the feature owns its EN / zh-CN files.
 * `useAssistantT` is typed by en.json here: a missing or misspelt key is a compile error.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type en from './en.json';

export const ASSISTANT_NS = 'assistantView';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type AssistantKey = Leaves<typeof en>;
export type AssistantT = (key: AssistantKey, values?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** `t` for the Assistant view, re-created when the language changes. */
export function useAssistantT(): AssistantT {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as (lng: string, ns: string) => LooseT)(language, ASSISTANT_NS);
    return (key, values) => fixed(key, values);
  }, [i18n, language]);
}
