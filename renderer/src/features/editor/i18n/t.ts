/**
 * The editor and template gallery's strings live in their own i18next namespace ("editorView", registered with the
 * app's resources in renderer/src/i18n/index.ts) so the feature owns its EN / zh-CN files.
 * `useEditorT` is typed by en.json here: a missing or misspelt key is a compile error.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type en from './en.json';

export const EDITOR_NS = 'editorView';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type EditorKey = Leaves<typeof en>;
export type EditorT = (key: EditorKey, values?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** `t` for the editor, re-created when the language changes. */
export function useEditorT(): EditorT {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as (lng: string, ns: string) => LooseT)(language, EDITOR_NS);
    return (key, values) => fixed(key, values);
  }, [i18n, language]);
}
