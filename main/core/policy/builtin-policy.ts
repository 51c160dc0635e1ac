import {
  ExportFormat,
  type PolicyModelEntry,
  type PolicySettings,
} from '../../../common/policy/policy-bundle';
import type { ActionInfo } from './action-catalog';
import { compilePolicies, type CompiledPolicies } from './policy-compiler';

/**
 * The policy in force when no organisation bundle is installed (README states it in words):
 * one local user may use the app, manage their vault keys, and work on — and export — their own
 * documents, except that PHI is never exported; they may view and export the audit log. They may
 * enroll the device with an organisation server (the one-time code is IT's authorisation, and on a
 * managed device the server and tenant are IT's own), and remove the enrollment only where no
 * managed configuration exists. Everything else (administration, other people's documents) is denied by default.
 */
export const BUILTIN_POLICY_TEXT = `// Built-in policy: in force when no organisation bundle is installed.
@id("builtin-basics")
@reason("Everyone may unlock the vault, manage its keys and use the app's basic functions.")
permit (principal, action in [Action::"basics", Action::"keys", Action::"browse"], resource);

@id("builtin-own-documents")
@reason("You may work on your own documents.")
permit (
  principal,
  action in [Action::"read", Action::"write", Action::"sign", Action::"ai", Action::"export"],
  resource is Document
)
when { resource.owner == principal };

@id("builtin-no-phi-export")
@reason("Without an organisation policy, documents classified PHI cannot be exported.")
forbid (principal, action in Action::"export", resource is Document)
when { resource.classification == "phi" };

@id("builtin-signed-is-final")
@reason("This document is signed, so it can no longer be edited.")
forbid (principal, action in Action::"write", resource is Document)
when { resource.state == "signed" };

@id("builtin-audit")
@reason("You may view and export this device's audit log.")
permit (principal, action in [Action::"audit", Action::"audit-export"], resource);

@id("builtin-sync-enroll")
@reason("Without an organisation policy, you may enroll this device with a one-time code from your organisation's IT.")
permit (principal, action == Action::"sync.enroll", resource);

@id("builtin-sync-unenroll")
@reason("On a device your organisation does not manage, you may remove its enrollment.")
permit (principal, action == Action::"sync.unenroll", resource)
when { !context.device.managed };
`;

/**
 * Added to the built-in policy when the installed bundle has expired (a freeze attack — serving a
 * stale but valid bundle forever — or a device that stayed offline too long). A call is then
 * allowed only when BOTH the expired bundle and this fallback allow it: strictly narrower than
 * either, and no exports at all until a current bundle arrives.
 */
export const EXPIRED_FALLBACK_TEXT = `// Listed first so that an export denial names the expiry, not the built-in PHI rule.
@id("expired-no-export")
@reason("Your organisation's policy has expired, so exports are paused until the app receives a current policy.")
forbid (principal, action in Action::"export", resource);

${BUILTIN_POLICY_TEXT}`;

/** Settings as the rest of the app consumes them; `modelAllowlist: null` means no bundle restricts packs. */
export interface ActivePolicySettings extends Omit<PolicySettings, 'modelAllowlist'> {
  modelAllowlist: PolicyModelEntry[] | null;
}

const everyFormat = [...ExportFormat.options];

/** Settings in force without a bundle: every format but PHI exports, no model allowlist, 10-minute idle lock (the vault's own default). */
export const builtinSettings: ActivePolicySettings = {
  modelAllowlist: null,
  exportFormats: { public: everyFormat, internal: everyFormat, confidential: everyFormat, phi: [] },
  idleLockMinutes: 10,
  retentionDays: 2_555,
  auditSyncIntervalMinutes: 60,
  deidentifyBeforeOnPrem: true,
  allowOnPrem: false,
};

/** Expired bundle: its settings stay, but no classification may be exported. */
export function expiredSettings(settings: PolicySettings): ActivePolicySettings {
  return { ...settings, exportFormats: {} };
}

function mustCompile(
  text: string,
  label: string,
  actions: readonly ActionInfo[],
  extra = {},
): CompiledPolicies {
  const result = compilePolicies(text, { label, actions, ...extra });
  // The built-in texts ship with the app and a test compiles them: failing here is a bug.
  if (!result.ok) throw new Error(`${label} policy does not compile: ${result.message}`);
  return result.compiled;
}

/** The built-in policy, compiled for an action universe. */
export function compileBuiltinPolicy(actions: readonly ActionInfo[]): CompiledPolicies {
  return mustCompile(BUILTIN_POLICY_TEXT, 'builtin', actions, {
    defaultDenyReason: (phrase: string) =>
      `The built-in policy (no organisation policy is installed) does not allow ${phrase}.`,
  });
}

/** The expired-bundle fallback, compiled for an action universe. */
export function compileExpiredFallback(actions: readonly ActionInfo[]): CompiledPolicies {
  return mustCompile(EXPIRED_FALLBACK_TEXT, 'expired-fallback', actions, {
    defaultDenyId: 'expired-fallback',
    defaultDenyReason: (phrase: string) =>
      `Your organisation's policy has expired. Until a current one arrives only basic use and work on ` +
      `your own documents are allowed, so ${phrase} is not.`,
  });
}
