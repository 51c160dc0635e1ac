import type { Clock } from '../clock';
import { policyActions, type ActionInfo } from './action-catalog';
import type { TrustedKey } from './bundle-signature';
import { openSignedBundle, type AuthenticBundle } from './bundle-verifier';
import {
  builtinActivePolicy,
  bundleActivePolicy,
  type ActivePolicy,
  type ActivePolicySource,
} from './active-policy';
import { checkLockout } from './lockout-check';
import { compilePolicies } from './policy-compiler';
import type { PolicyRefusal } from './policy-refusal';
import type { PolicyStateStore } from './policy-state.store';

export type { ActivePolicy, ActivePolicySource } from './active-policy';

/** What the policy store needs; the vault supplies `state`, managed configuration the keys and tenant. */
export interface PolicyStoreDeps {
  state: PolicyStateStore;
  /** Tenant policy keys (managed PolicyPublicKey); several during a key rotation. */
  trustedKeys: readonly TrustedKey[];
  clock: Clock;
  /** Managed TenantId: when set, bundles for another tenant are refused. */
  tenant?: string;
  actions?: readonly ActionInfo[];
  /** Every refusal, for the audit log. */
  onRefused?: (refusal: PolicyRefusal) => void;
  /** A new bundle took effect (install or load). */
  onChanged?: (active: ActivePolicy) => void;
}

/** The result of `install`: accepted (with lockout and validation warnings) or refused, and why. */
export type InstallOutcome =
  | { ok: true; version: number; unchanged: boolean; warnings: string[] }
  | { ok: false; refusal: PolicyRefusal };

/** Holds the policy in force: built-in, or the last good signed bundle (re-checked at every load). */
export interface PolicyStore extends ActivePolicySource {
  /** Reads and re-verifies the saved bundle (once); on any failure the built-in policy applies. */
  load(): Promise<ActivePolicy>;
  /** Verifies and, if every check holds, persists and applies a signed bundle. Never throws. */
  install(raw: string | Uint8Array): Promise<InstallOutcome>;
  lastRefusal(): { at: string; refusal: PolicyRefusal } | null;
  /**
   * Loads the saved bundle again if none is in force — after a trust root was added (sync
   * enrollment brings the tenant's policy key, which lives in the vault and is known only later).
   */
  retryLoad(): Promise<ActivePolicy>;
}

interface Loaded {
  authentic: AuthenticBundle;
  raw: string;
  expiresAtMs: number;
  inForce: ActivePolicy;
  whenExpired: ActivePolicy;
}

type Prepared = { ok: true; loaded: Loaded; warnings: string[] } | { ok: false; refusal: PolicyRefusal };

/**
 * The policy store. Checks on install, in order: size, JSON, envelope, trusted key, signature,
 * shape, tenant, version (must exceed every version accepted), expiry, Cedar validity, lockout.
 * A refusal leaves the policy in force untouched (last good bundle, as OPA does) and is reported.
 */
export function createPolicyStore(deps: PolicyStoreDeps): PolicyStore {
  const actions = deps.actions ?? policyActions();
  const builtin = builtinActivePolicy(actions);
  let loaded: Loaded | null = null;
  let highestVersion = 0;
  let refused: { at: string; refusal: PolicyRefusal } | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  function report(refusal: PolicyRefusal): { ok: false; refusal: PolicyRefusal } {
    refused = { at: deps.clock.now().toISOString(), refusal };
    deps.onRefused?.(refusal);
    return { ok: false, refusal };
  }

  function prepare(raw: string | Uint8Array, mode: 'install' | 'load'): Prepared {
    const opened = openSignedBundle(raw, deps.trustedKeys);
    if (!opened.ok) return opened;
    const { bundle, keyId } = opened.value;
    const about = { tenant: bundle.tenant, version: bundle.version, keyId };
    if (deps.tenant !== undefined && bundle.tenant !== deps.tenant) {
      return {
        ok: false,
        refusal: {
          code: 'wrong-tenant',
          ...about,
          message: `The bundle is for tenant "${bundle.tenant}", but this device belongs to "${deps.tenant}".`,
        },
      };
    }
    const tooOld = mode === 'install' ? bundle.version <= highestVersion : bundle.version < highestVersion;
    if (tooOld) {
      return {
        ok: false,
        refusal: {
          code: 'rollback',
          ...about,
          message: `The bundle's version ${bundle.version} is not newer than version ${highestVersion}, already accepted; an older policy cannot replace a newer one.`,
        },
      };
    }
    if (mode === 'install' && Date.parse(bundle.expiresAt) <= deps.clock.now().getTime()) {
      return {
        ok: false,
        refusal: {
          code: 'expired',
          ...about,
          message: `The bundle expired on ${bundle.expiresAt} before it arrived.`,
        },
      };
    }
    const compiled = compilePolicies(bundle.policies, {
      label: `bundle ${bundle.tenant} v${bundle.version}`,
      actions,
    });
    if (!compiled.ok)
      return { ok: false, refusal: { code: 'invalid-policy', ...about, message: compiled.message } };
    const warnings = [...compiled.compiled.warnings];
    if (mode === 'install') {
      const lockout = checkLockout(compiled.compiled, bundle.policies);
      warnings.push(...lockout.warnings);
      if (lockout.lockedOut.length > 0) {
        return {
          ok: false,
          refusal: {
            code: 'lockout',
            ...about,
            message: `Warning: this bundle would lock every user out of ${lockout.lockedOut.map((a) => `"${a}"`).join(', ')}, so it was refused.`,
          },
        };
      }
    }
    const inForce = bundleActivePolicy(bundle, keyId, compiled.compiled, actions, false);
    const whenExpired = bundleActivePolicy(bundle, keyId, compiled.compiled, actions, true);
    const text = typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8');
    return {
      ok: true,
      loaded: {
        authentic: opened.value,
        raw: text,
        expiresAtMs: Date.parse(bundle.expiresAt),
        inForce,
        whenExpired,
      },
      warnings,
    };
  }

  let loading: Promise<ActivePolicy> | null = null;

  function current(): ActivePolicy {
    if (!loaded) return builtin;
    return deps.clock.now().getTime() >= loaded.expiresAtMs ? loaded.whenExpired : loaded.inForce;
  }

  let stateRead = false;

  /**
   * Reads the saved state once; later calls return the same result. If it cannot be read (the
   * vault is locked, say) the built-in policy applies, the next call tries again, and installs are
   * refused meanwhile — accepting one without knowing the highest version would open a rollback.
   */
  function ensureLoaded(): Promise<ActivePolicy> {
    loading ??= (async () => {
      let state: Awaited<ReturnType<PolicyStateStore['get']>>;
      try {
        state = await deps.state.get();
      } catch (error) {
        loading = null;
        report({
          code: 'storage-failed',
          message: `The saved policy state could not be read (${(error as Error).message}).`,
        });
        return current();
      }
      stateRead = true;
      highestVersion = Math.max(highestVersion, state?.highestVersion ?? 0);
      if (state?.lastGood) {
        const prepared = prepare(state.lastGood.raw, 'load');
        if (prepared.ok) {
          loaded = prepared.loaded;
          deps.onChanged?.(loaded.inForce);
        } else {
          report({
            ...prepared.refusal,
            message: `The saved policy bundle was not loaded: ${prepared.refusal.message}`,
          });
        }
      }
      return current();
    })();
    return loading;
  }

  async function installNow(raw: string | Uint8Array): Promise<InstallOutcome> {
    if (!stateRead) {
      return report({
        code: 'storage-failed',
        message: 'The saved policy state cannot be read, so no bundle can be accepted yet.',
      });
    }
    // Sync may deliver the bundle already in force again: that is not an attack, just a no-op.
    // (Compared only at equal length, so a huge input is never decoded here.)
    const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.byteLength;
    const same = (text: string) =>
      text === (typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    if (loaded && bytes === Buffer.byteLength(loaded.raw) && same(loaded.raw)) {
      return { ok: true, version: loaded.authentic.bundle.version, unchanged: true, warnings: [] };
    }
    const prepared = prepare(raw, 'install');
    if (!prepared.ok) return report(prepared.refusal);
    const { bundle } = prepared.loaded.authentic;
    try {
      // Persist before enforcing: the state on disk must never lag behind the policy applied.
      await deps.state.set({
        lastGood: { raw: prepared.loaded.raw, receivedAt: deps.clock.now().toISOString() },
        highestVersion: bundle.version,
      });
    } catch (error) {
      return report({
        code: 'storage-failed',
        tenant: bundle.tenant,
        version: bundle.version,
        message: `The bundle is valid but could not be saved (${(error as Error).message}); the current policy stays.`,
      });
    }
    loaded = prepared.loaded;
    highestVersion = bundle.version;
    deps.onChanged?.(loaded.inForce);
    return { ok: true, version: bundle.version, unchanged: false, warnings: prepared.warnings };
  }

  return {
    load: ensureLoaded,

    install(raw) {
      // Never judge a version before the highest accepted one is known.
      const next = queue.then(ensureLoaded).then(() => installNow(raw));
      queue = next.catch(() => undefined);
      return next;
    },

    current,

    lastRefusal: () => refused,

    retryLoad() {
      const next = queue.then(() => {
        if (!loaded) loading = null;
        return ensureLoaded();
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
