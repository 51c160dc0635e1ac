/**
 * The audit entry format of ARCHITECTURE.md §3, shared with the enterprise server and with any
 * independent verifier. Field names, types and the hashing rule are a published format: change
 * them only with a new `v`.
 */
import { z } from 'zod';

/** `prev` of a device's first entry, and the anchor hash of a bundle that starts at seq 1. */
export const ZERO_HASH = '0'.repeat(64);

/** Lowercase hex SHA-256, as every hash in the format is written. */
export const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');

/** seq numbers start at 1; 0 only appears in anchors and checkpoints of an empty log. */
export const Seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/**
 * Timestamps are UTC with milliseconds (`Date.prototype.toISOString()`), so they also sort as
 * strings; the bundle verifier and the Audit view rely on that.
 */
export const Timestamp = z.iso.datetime({ precision: 3 });

/** Device ids are 32 lowercase hex digits (see device-identity: derived from the public key). */
export const DeviceId = z.string().regex(/^[0-9a-f]{32}$/, 'expected a 32-hex-digit device id');

/**
 * `allow`/`deny` are the router's authorization decisions; `success`/`failure` are outcomes of acts
 * that are not authorization decisions (an unlock with a wrong passphrase is a `failure`).
 */
export const AuditOutcome = z.enum(['allow', 'deny', 'success', 'failure']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditResource = z.strictObject({
  type: z.string().min(1).max(64),
  id: z.string().max(512),
});
export type AuditResource = z.infer<typeof AuditResource>;

/**
 * Personal data of one data subject inside `details`, encrypted under that subject's key
 * (AES-256-GCM; `ct` = base64 of nonce ‖ ciphertext ‖ tag). The entry hash covers these bytes, so
 * destroying the subject key (crypto-shredding, GDPR erasure) leaves every chain valid.
 * `subject` must be a pseudonymous id (the vault's subject id), never a name or record number.
 */
export const SealedDetails = z.strictObject({
  alg: z.literal('A256GCM'),
  subject: z.string().min(1).max(200),
  kid: z.string().min(1).max(200),
  ct: z.base64().max(1_000_000),
});
export type SealedDetails = z.infer<typeof SealedDetails>;

/** Free-form facts about the act; JSON with integer numbers only (the format has no floats). */
export const AuditDetails = z.record(z.string().max(128), z.json()).superRefine((details, ctx) => {
  if (!isIntegerJson(details)) {
    ctx.addIssue({ code: 'custom', message: 'details may hold only integer numbers' });
  }
  if (details.sealed !== undefined && !SealedDetails.safeParse(details.sealed).success) {
    ctx.addIssue({
      code: 'custom',
      path: ['sealed'],
      message: 'details.sealed is not a sealed-details object',
    });
  }
});
export type AuditDetails = z.infer<typeof AuditDetails>;

export const AuditEntry = z.strictObject({
  v: z.literal(1),
  seq: Seq,
  ts: Timestamp,
  tenant: z.string().min(1).max(200),
  device: DeviceId,
  actor: z.string().min(1).max(320),
  action: z.string().min(1).max(128),
  resource: AuditResource,
  outcome: AuditOutcome,
  policyVersion: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  details: AuditDetails,
  prev: Hex64,
  hash: Hex64,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** An entry without its hash: the exact object whose JCS form is hashed. */
export type UnhashedEntry = Omit<AuditEntry, 'hash'>;

/**
 * A line of a filtered bundle standing in for an entry that did not match the filter: its hash is
 * taken as given, its links are checked, so the chain stays whole without disclosing the entry.
 */
export const RedactedEntry = z.strictObject({
  v: z.literal(1),
  seq: Seq,
  device: DeviceId,
  prev: Hex64,
  hash: Hex64,
  redacted: z.literal(true),
});
export type RedactedEntry = z.infer<typeof RedactedEntry>;

/** Checks the format's "all numbers are integers" rule on a details value, recursively. */
export function isIntegerJson(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (Array.isArray(value)) return value.every((item) => isIntegerJson(item, depth + 1));
  if (typeof value === 'object') {
    return Object.values(value as Record<string, unknown>).every((item) => isIntegerJson(item, depth + 1));
  }
  return false;
}
