/**
 * The export feature's strings live in their own i18next namespace ("exportMenu", registered in
 * renderer/src/i18n/index.ts) so the feature owns its EN / zh-CN files. Keys are typed by en.json.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type en from './en.json';

export const EXPORT_NS = 'exportMenu';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type ExportKey = Leaves<typeof en>;
export type ExportT = (key: ExportKey, values?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

export function useExportT(): ExportT {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const fixed = (i18n.getFixedT as (lng: string, ns: string) => LooseT)(language, EXPORT_NS);
    return (key, values) => fixed(key, values);
  }, [i18n, language]);
}
