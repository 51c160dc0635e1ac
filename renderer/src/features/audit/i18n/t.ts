/**
 * The Audit view's strings live in their own i18next namespace ("auditView", registered with the
 * app's resources in renderer/src/i18n/index.ts) so the feature owns its EN / zh-CN files. The
 * app-wide typed `t` knows only the default namespace; `useAuditT` gives the same compile-time
 * check for this one: a key missing from en.json here is a type error.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n';
import type en from './en.json';

export const AUDIT_NS = 'auditView';

/** Plural forms (`_one`, `_other`) are one key to the caller, chosen by the `count` value. */
type Singular<K extends string> =
  K extends `${infer Base}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? Base : K;

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Singular<K>}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

export type AuditKey = Leaves<typeof en>;
export type AuditT = (key: AuditKey, values?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

/** `t` for the Audit view, re-created when the language changes (so memoized rows re-render). */
export function useAuditT(): AuditT {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  return useMemo(() => {
    const loose = instance as unknown as { getFixedT(lng: string, ns: string): LooseT };
    const fixed = loose.getFixedT(language, AUDIT_NS);
    return (key, values) => fixed(key, values);
  }, [instance, language]);
}

/** Plain words for an audited action, when this version has them (new channels show their name). */
export function actionLabel(t: AuditT, action: string): string | null {
  const key = `actions.${action.replace(/\./g, '_')}`;
  const loose = i18n as unknown as { exists(key: string, options: { ns: string }): boolean };
  return loose.exists(key, { ns: AUDIT_NS }) ? t(key as AuditKey) : null;
}
