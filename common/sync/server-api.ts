/**
 * The device ↔ enterprise-server wire contract (ARCHITECTURE.md §6–7): the only routes a desktop
 * calls, with runtime schemas both sides validate. The server's admin API is its own (see
 * server/openapi); this file is what the app and the server must agree on byte for byte.
 *
 * Transport: HTTPS. Enrollment is the one call without a client certificate; every later device
 * call uses mutual TLS with the certificate the enrollment returned, and the server takes the
 * device id and tenant from that certificate, never from the body.
 */
import { z } from 'zod';
import { Checkpoint, Receipt } from '../audit/checkpoint.schema';
import { AuditEntry, DeviceId, Hex64, Seq } from '../audit/entry.schema';
import { SignedPolicyBundle } from '../policy/policy-bundle';

/** Route paths, versioned as a whole. */
export const SERVER_ROUTES = {
  health: '/health',
  enroll: '/v1/enroll',
  policy: '/v1/device/policy',
  policyEvents: '/v1/device/policy/events',
  auditHead: '/v1/device/audit/head',
  auditBatches: '/v1/device/audit/batches',
} as const;

/** A batch holds at most this many entries; the client splits larger backlogs. */
export const MAX_AUDIT_BATCH_ENTRIES = 500;
/** Largest request body the server accepts on any device route (a full batch fits easily). */
export const MAX_DEVICE_BODY_BYTES = 4 * 1024 * 1024;
/** How far a device's clock may run ahead of the server's before its entries are refused. */
export const MAX_CLOCK_SKEW_MS = 36 * 60 * 60 * 1000;

const Pem = (label: string) =>
  z
    .string()
    .max(16_384)
    .refine((text) => text.includes(`-----BEGIN ${label}-----`), `expected a PEM ${label}`);

export const TenantSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'a tenant id is 2–63 lowercase letters, digits or hyphens');
export type TenantSlug = z.infer<typeof TenantSlug>;

/** GET /health — no authentication. */
export const HealthReply = z.strictObject({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
});
export type HealthReply = z.infer<typeof HealthReply>;

/**
 * POST /v1/enroll — no client certificate; the one-time code is the credential. The CSR's subject
 * CN must equal `device` (the audit device id) and its key is the device's TLS key (RSA-2048 or
 * P-256, made with node-forge on the device). `auditPublicKeyPem` is the device's Ed25519 audit key,
 * which the server uses to check checkpoint signatures.
 */
export const EnrollRequest = z.strictObject({
  tenant: TenantSlug,
  code: z.string().min(8).max(64),
  device: DeviceId,
  deviceName: z.string().min(1).max(128),
  platform: z.string().max(32),
  appVersion: z.string().max(32),
  csrPem: Pem('CERTIFICATE REQUEST'),
  auditPublicKeyPem: Pem('PUBLIC KEY'),
});
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollReply = z.strictObject({
  device: DeviceId,
  tenant: TenantSlug,
  /** The device certificate, signed by the tenant CA, to present on every later call. */
  certificatePem: Pem('CERTIFICATE'),
  /**
   * The CA that issued the server's own TLS certificate (the installation CA, or the operator's):
   * the app pins it for every later call, unless managed ServerCaCertificate names one. One listener
   * serves every tenant, so this is not the tenant CA, which signs only device certificates.
   */
  caCertificatePem: Pem('CERTIFICATE'),
  /** Ed25519 key that signs audit receipts. */
  receiptPublicKeyPem: Pem('PUBLIC KEY'),
  /** Ed25519 key that signs the tenant's policy bundles. */
  policyPublicKeyPem: Pem('PUBLIC KEY'),
});
export type EnrollReply = z.infer<typeof EnrollReply>;

/**
 * GET /v1/device/policy — `If-None-Match: "<etag>"` answers 304 with no body when unchanged; 200
 * carries the signed bundle and an `ETag` header; 204 when the tenant has published none yet.
 */
export const PolicyReply = z.strictObject({
  version: z.number().int().positive(),
  bundle: SignedPolicyBundle,
});
export type PolicyReply = z.infer<typeof PolicyReply>;

/**
 * GET /v1/device/policy/events — Server-Sent Events. Each `event: policy` carries
 * `data: {"version":N}` when a newer bundle is published; a comment line every 25 s keeps it open.
 */
export const PolicyEvent = z.strictObject({ version: z.number().int().positive() });
export type PolicyEvent = z.infer<typeof PolicyEvent>;

/** GET /v1/device/audit/head — where the server's copy of this device's chain ends. */
export const AuditHeadReply = z.strictObject({
  /** 0 with 64 zeros when nothing was accepted yet. */
  seq: z.number().int().nonnegative(),
  hash: Hex64,
  /** The receipt of the last accepted range, if any. */
  receipt: Receipt.nullable(),
});
export type AuditHeadReply = z.infer<typeof AuditHeadReply>;

/**
 * POST /v1/device/audit/batches — a contiguous run of the device's entries starting right after
 * the server's head (or overlapping it: an already-accepted prefix is checked and skipped, which
 * makes a repeated batch idempotent), with at least one checkpoint covering the last entry.
 */
export const AuditBatchRequest = z
  .strictObject({
    entries: z.array(AuditEntry).min(1).max(MAX_AUDIT_BATCH_ENTRIES),
    checkpoints: z.array(Checkpoint).min(1).max(64),
  })
  .refine(
    (batch) => batch.entries.every((entry, i) => i === 0 || entry.seq === batch.entries[i - 1]!.seq + 1),
    { message: 'entries must be in seq order with no gaps' },
  );
export type AuditBatchRequest = z.infer<typeof AuditBatchRequest>;

export const AuditBatchReply = z.strictObject({
  /** Covers everything the server holds for this device up to `receipt.to`. */
  receipt: Receipt,
  /** How many of the batch's entries were new (0 for a replayed batch). */
  accepted: z.number().int().nonnegative(),
});
export type AuditBatchReply = z.infer<typeof AuditBatchReply>;

/** Why the server refused a batch; the client shows it and, for a gap, resends from `expectedSeq`. */
export const AuditRefusalCode = z.enum([
  'AUDIT_GAP',
  'AUDIT_CHAIN_BROKEN',
  'AUDIT_HASH_MISMATCH',
  'AUDIT_BAD_CHECKPOINT',
  'AUDIT_NO_CHECKPOINT',
  'AUDIT_FROM_FUTURE',
  'AUDIT_WRONG_DEVICE',
]);
export type AuditRefusalCode = z.infer<typeof AuditRefusalCode>;

/** Every error reply of the server, on every route. */
export const ServerErrorReply = z.strictObject({
  error: z.strictObject({
    code: z.string().max(64),
    message: z.string().max(2_000),
    /** For AUDIT_GAP: the seq the server expects next. For refusals naming an entry: that seq. */
    seq: Seq.optional(),
    expectedSeq: Seq.optional(),
  }),
});
export type ServerErrorReply = z.infer<typeof ServerErrorReply>;
