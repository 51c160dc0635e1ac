import type { PolicyBundle } from '../../../common/policy/policy-bundle';
import type { ActionInfo } from './action-catalog';
import {
  builtinSettings,
  compileBuiltinPolicy,
  compileExpiredFallback,
  expiredSettings,
  type ActivePolicySettings,
} from './builtin-policy';
import type { CompiledPolicies } from './policy-compiler';

/** The policy in force right now. */
export interface ActivePolicy {
  source: 'builtin' | 'bundle';
  /** The bundle's expiry has passed: decisions also go through `fallback`. */
  expired: boolean;
  bundle: PolicyBundle | null;
  keyId: string | null;
  compiled: CompiledPolicies;
  /** While expired, a call must be allowed by both `compiled` and this. */
  fallback: CompiledPolicies | null;
  settings: ActivePolicySettings;
}

/** Where the authorizer reads the policy in force; the policy store is one. */
export interface ActivePolicySource {
  current(): ActivePolicy;
}

// Compiling the fixed texts costs a few milliseconds; once per action universe is enough.
const builtinCache = new WeakMap<
  readonly ActionInfo[],
  { builtin: CompiledPolicies; fallback: CompiledPolicies }
>();

function fixedSets(actions: readonly ActionInfo[]) {
  let sets = builtinCache.get(actions);
  if (!sets) {
    sets = { builtin: compileBuiltinPolicy(actions), fallback: compileExpiredFallback(actions) };
    builtinCache.set(actions, sets);
  }
  return sets;
}

/** The built-in policy (no bundle installed). */
export function builtinActivePolicy(actions: readonly ActionInfo[]): ActivePolicy {
  return {
    source: 'builtin',
    expired: false,
    bundle: null,
    keyId: null,
    compiled: fixedSets(actions).builtin,
    fallback: null,
    settings: builtinSettings,
  };
}

/** A verified, compiled bundle — in force, or expired (then narrowed by the fallback). */
export function bundleActivePolicy(
  bundle: PolicyBundle,
  keyId: string | null,
  compiled: CompiledPolicies,
  actions: readonly ActionInfo[],
  expired: boolean,
): ActivePolicy {
  return {
    source: 'bundle',
    expired,
    bundle,
    keyId,
    compiled,
    fallback: expired ? fixedSets(actions).fallback : null,
    settings: expired ? expiredSettings(bundle.settings) : { ...bundle.settings },
  };
}
