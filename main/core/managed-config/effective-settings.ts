import type { ManagedSettingView } from '../../../common/contract/policy.contract';
import { coerceManagedValue, type ManagedConfig, type ManagedProblem } from './managed-config.resolve';
import { managedSettings, type ManagedKey, type ManagedValue } from './managed-config.schema';

/** One setting as the app should use it. */
export interface EffectiveSetting {
  value: ManagedValue | null;
  /** 'organisation' when managed configuration set it: the UI shows it locked. */
  lockedBy: 'organisation' | null;
  /** Where a locked value came from. */
  source: string | null;
}

export type EffectiveSettings = Record<ManagedKey, EffectiveSetting>;

/**
 * Managed values override the user's: a managed key is locked whatever the user chose. A user
 * value counts only for settings users may change, and only when it passes the same check;
 * otherwise the schema default applies.
 */
export function effectiveSettings(
  user: Partial<Record<string, unknown>>,
  managed: ManagedConfig,
): EffectiveSettings {
  const result = {} as EffectiveSettings;
  for (const def of managedSettings) {
    const key = def.key as ManagedKey;
    const locked = managed.values[key];
    if (locked !== undefined) {
      result[key] = { value: locked, lockedBy: 'organisation', source: managed.sources[key] ?? null };
      continue;
    }
    const own = def.userSettable && user[key] !== undefined ? coerceManagedValue(def, user[key]) : null;
    result[key] = { value: own?.ok ? own.value : def.default, lockedBy: null, source: null };
  }
  return result;
}

/** The `settings.managed` reply. */
export function managedSettingsView(
  user: Partial<Record<string, unknown>>,
  managed: ManagedConfig,
): { items: ManagedSettingView[]; problems: ManagedProblem[] } {
  const settings = effectiveSettings(user, managed);
  return {
    items: managedSettings.map((def) => ({ key: def.key, ...settings[def.key as ManagedKey] })),
    problems: managed.problems,
  };
}
