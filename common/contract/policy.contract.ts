import { z } from 'zod';
import { ExportFormat, PolicyKeyId, PolicyModelEntry } from '../policy/policy-bundle';
import { channel } from './define';
import { Classification, Industry } from './workspace.contract';

/** The settings in force: the bundle's, or the built-in ones when no bundle is installed. */
export const PolicySettingsView = z.strictObject({
  /** `null`: no bundle restricts which model packs may run. */
  modelAllowlist: z.array(PolicyModelEntry).max(1_000).nullable(),
  exportFormats: z.partialRecord(Classification, z.array(ExportFormat).max(ExportFormat.options.length)),
  idleLockMinutes: z.number().int().min(1).max(1_440),
  retentionDays: z.number().int().min(1).max(36_500),
  auditSyncIntervalMinutes: z.number().int().min(1).max(10_080),
  deidentifyBeforeOnPrem: z.boolean(),
  allowOnPrem: z.boolean(),
});
export type PolicySettingsView = z.infer<typeof PolicySettingsView>;

/** `policy.current`: what is in force and where it came from. */
export const PolicyCurrent = z.strictObject({
  source: z.enum(['builtin', 'bundle']),
  /** The bundle's expiry passed: the stricter fallback applies (no exports) until a new one arrives. */
  expired: z.boolean(),
  tenant: z.string().max(128).nullable(),
  version: z.number().int().positive().nullable(),
  /** Key id of the tenant policy key that signed the bundle. */
  signerKeyId: PolicyKeyId.nullable(),
  issuedAt: z.string().max(40).nullable(),
  expiresAt: z.string().max(40).nullable(),
  settings: PolicySettingsView,
  /** How many Cedar policies are in force. */
  policyCount: z.number().int().nonnegative(),
  /** The last bundle refused on this run, if any (the policy in force stayed). */
  lastRefusal: z
    .strictObject({ at: z.string().max(40), code: z.string().max(40), message: z.string().max(2_000) })
    .nullable(),
});
export type PolicyCurrent = z.infer<typeof PolicyCurrent>;

/** `policy.explain`: the decision for a what-if. */
export const PolicyExplanation = z.strictObject({
  decision: z.enum(['allow', 'deny']),
  reason: z.string().max(2_000),
  /** The deciding policy's id, "default-deny" when no policy permitted, or a settings gate. */
  policyId: z.string().max(200),
});
export type PolicyExplanation = z.infer<typeof PolicyExplanation>;

/** A managed (or user, or default) setting as the Settings view shows it. */
export const ManagedSettingView = z.strictObject({
  key: z.string().max(64),
  value: z.union([z.string().max(20_000), z.number(), z.boolean()]).nullable(),
  /** 'organisation': set by managed configuration — shown locked, "set by your organisation". */
  lockedBy: z.enum(['organisation']).nullable(),
  /** Where a locked value came from (e.g. "HKLM\\SOFTWARE\\Policies\\StarRing\\Workspace"). */
  source: z.string().max(300).nullable(),
});
export type ManagedSettingView = z.infer<typeof ManagedSettingView>;

/** The Policy view's channels (and the Settings view's managed list), to be merged into `contract`. */
export const policyContract = {
  'policy.current': channel({
    summary:
      'The policy in force: built-in or a signed bundle (tenant, version, signer, validity) and its settings.',
    request: z.strictObject({}),
    reply: PolicyCurrent,
  }),
  'policy.explain': channel({
    summary:
      'Would the current user be allowed this action (on a document of theirs with this classification)? Decision, reason and deciding policy.',
    request: z.strictObject({
      action: z
        .string()
        .min(3)
        .max(128)
        .regex(/^[A-Za-z]+\.[A-Za-z]+$/, 'a channel name such as documents.export'),
      classification: Classification.optional(),
      exportFormat: ExportFormat.optional(),
      owner: z.enum(['self', 'other']).default('self'),
      state: z.enum(['draft', 'signed']).default('draft'),
      industry: Industry.optional(),
    }),
    reply: PolicyExplanation,
  }),
  'settings.managed': channel({
    summary:
      'Every setting with its effective value and whether the organisation locked it, plus managed-configuration problems.',
    request: z.strictObject({}),
    reply: z.strictObject({
      items: z.array(ManagedSettingView).max(200),
      problems: z
        .array(z.strictObject({ key: z.string().max(200), message: z.string().max(2_000) }))
        .max(200),
    }),
  }),
};
