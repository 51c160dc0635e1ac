/**
 * The Policy view's strings (and the Settings view's "Managed by your organisation" panel) live in
 * their own i18next namespace, "policyView", registered with the app's resources in
 * renderer/src/i18n/index.ts, so this feature owns its EN / zh-CN files. `usePolicyT` is typed by
 * en.json: a missing key is a compile error. Plural keys (`x_one`, `x_other`) are asked for as `x`
 * with a `count`, as i18next expects.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n';
import type en from './en.json';

export const POLICY_NS = 'policyView';

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

type WithoutPlural<K extends string> = K extends `${infer Base}_${'one' | 'other'}` ? Base : K;

export type PolicyKey = WithoutPlural<Leaves<typeof en>>;
export type PolicyT = (key: PolicyKey, values?: Record<string, string | number>) => string;

type LooseT = (key: string, options?: Record<string, unknown>) => string;

function fixedT(language: string): LooseT {
  return (i18n.getFixedT as (lng: string, ns: string) => LooseT)(language, POLICY_NS);
}

/** `t` for this feature, re-created when the language changes. */
export function usePolicyT(): PolicyT {
  const { i18n: instance } = useTranslation();
  const language = instance.resolvedLanguage ?? instance.language;
  return useMemo(() => {
    const fixed = (instance.getFixedT as (lng: string, ns: string) => LooseT)(language, POLICY_NS);
    return (key, values) => fixed(key, values);
  }, [instance, language]);
}

/** i18next reads dots as nesting, so an id such as "settings.exportFormats" is looked up with "_". */
function idKey(prefix: 'policyIds' | 'reasons', id: string): string {
  return `${prefix}.${id.replace(/\./g, '_')}`;
}

/** A plain-words note on what kind of rule decided, for the ids that are not Cedar policies. */
export function policyIdNote(t: PolicyT, policyId: string): string | null {
  const key = idKey('policyIds', policyId);
  return hasPolicyKey(key) ? t(key) : null;
}

/** A key built at run time (a policy id, a setting name) if this version has words for it. */
export function hasPolicyKey(key: string): key is PolicyKey {
  // The app-wide typing knows only the default namespace; this one is checked by PolicyKey instead.
  const loose = i18n as unknown as { exists(key: string, options: { ns: string }): boolean };
  return loose.exists(key, { ns: POLICY_NS });
}

/**
 * The core states reasons in English (a policy's own `@reason`). The built-in policy's sentences
 * are known, so they are shown in the user's language — but only when the core's sentence is
 * exactly the English one on file: a reworded policy is then shown verbatim rather than mistranslated.
 */
export function localizedReason(t: PolicyT, policyId: string, reason: string): string {
  const key = idKey('reasons', policyId);
  if (!hasPolicyKey(key)) return reason;
  return fixedT('en')(key) === reason ? t(key) : reason;
}
