/**
 * The policy bundle format (ARCHITECTURE §4), shared by the app and the enterprise server.
 *
 * On the wire a bundle travels inside a signed envelope:
 *
 *   { "bundle": { …PolicyBundle… }, "sig": "<base64 Ed25519>", "keyId": "<16 hex>" }
 *
 * - `sig` is a detached Ed25519 signature over the RFC 8785 (JCS) bytes of `bundle` — the member
 *   as parsed, canonicalised again by the verifier, so the envelope itself may be pretty-printed.
 * - `keyId` is the first 16 lowercase hex digits of SHA-256 over the raw 32-byte Ed25519 public
 *   key (`openssl pkey -pubin -in k.pub.pem -outform DER | tail -c 32 | sha256sum | cut -c1-16`).
 *   It only picks the trusted key; the signature is what proves anything.
 * - Files larger than MAX_POLICY_BUNDLE_BYTES are refused before they are parsed.
 *
 * The signed bytes are defined in bundle-signing-input.ts (kept apart so the contract, which imports
 * these schemas, does not pull a JCS library into the renderer). Signing and verifying need
 * node:crypto and live in main/core/policy.
 */
import { z } from 'zod';
import { Classification } from '../contract/workspace.contract';

/** The `format` every bundle carries. */
export const POLICY_BUNDLE_FORMAT = 'starring-policy-bundle';

/** A signed bundle file larger than this is refused unread (a policy set is kilobytes, not megabytes). */
export const MAX_POLICY_BUNDLE_BYTES = 2 * 1024 * 1024;

/**
 * Export formats a bundle may allow per classification. `csv` (a document's tables) came later:
 * it is appended, so bundles signed before it stay valid and simply do not allow it.
 */
export const ExportFormat = z.enum(['pdf', 'docx', 'markdown', 'fhir', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** Same shape as the models service's allowlist entry: a pack id and the hash of its manifest. */
export const PolicyModelEntry = z.strictObject({
  id: z.string().min(1).max(64),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
});
export type PolicyModelEntry = z.infer<typeof PolicyModelEntry>;

/** ISO 8601 instant in UTC with a `Z`, so every implementation compares the same instants. */
const Instant = z.iso.datetime({ offset: false });

/** Settings a bundle imposes besides its Cedar policies. */
export const PolicySettings = z.strictObject({
  /** Model packs that may run; an empty list allows none. */
  modelAllowlist: z.array(PolicyModelEntry).max(1_000),
  /** Formats allowed per classification; a classification left out may not be exported at all. */
  exportFormats: z.partialRecord(Classification, z.array(ExportFormat).max(ExportFormat.options.length)),
  idleLockMinutes: z.number().int().min(1).max(1_440),
  retentionDays: z.number().int().min(1).max(36_500),
  auditSyncIntervalMinutes: z.number().int().min(1).max(10_080),
  /** PHI must pass the de-identifier before it reaches an on-prem model server. */
  deidentifyBeforeOnPrem: z.boolean(),
  /** May work go to the organisation's on-prem model server at all? Absent means no. */
  allowOnPrem: z.boolean().optional(),
});
export type PolicySettings = z.infer<typeof PolicySettings>;

/** The signed content: tenant, version, validity, Cedar policies and settings. */
export const PolicyBundle = z
  .strictObject({
    v: z.literal(1),
    format: z.literal(POLICY_BUNDLE_FORMAT),
    tenant: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore only'),
    /** Must be higher than every version this device has accepted (rollback is refused). */
    version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    issuedAt: Instant,
    /** After this instant the bundle still counts, but only through the stricter expired fallback. */
    expiresAt: Instant,
    /** Cedar policy text, validated against the app's schema on every load. */
    policies: z.string().max(MAX_POLICY_BUNDLE_BYTES),
    settings: PolicySettings,
  })
  .refine((bundle) => Date.parse(bundle.expiresAt) > Date.parse(bundle.issuedAt), {
    message: 'expiresAt must be after issuedAt',
    path: ['expiresAt'],
  });
export type PolicyBundle = z.infer<typeof PolicyBundle>;

/** Key id: 16 hex digits of SHA-256 over the raw Ed25519 public key. */
export const PolicyKeyId = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 lowercase hex digits');

/** The signed envelope. `bundle` stays `unknown` here: it is checked only after its signature holds. */
export const SignedPolicyBundle = z.strictObject({
  bundle: z.record(z.string(), z.unknown()),
  sig: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'must be a base64 Ed25519 signature (64 bytes)'),
  keyId: PolicyKeyId,
});
export type SignedPolicyBundle = z.infer<typeof SignedPolicyBundle>;
