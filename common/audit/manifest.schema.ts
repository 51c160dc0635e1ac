/**
 * manifest.json of an audit bundle (ARCHITECTURE.md §3). manifest.sig is the raw 64-byte Ed25519
 * signature over the exact bytes of manifest.json by the device named in `signer`.
 */
import { z } from 'zod';
import { DeviceId, Hex64, Timestamp } from './entry.schema';

export const BUNDLE_FORMAT = 'starring-audit-bundle';

/** What a compliance officer chose; entries outside it appear as redacted lines. */
export const BundleFilter = z.strictObject({
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  actors: z.array(z.string().min(1).max(320)).max(100).optional(),
  actions: z.array(z.string().min(1).max(128)).max(100).optional(),
});
export type BundleFilter = z.infer<typeof BundleFilter>;

/** Per device: the entry just before the first one in the bundle (seq 0 and 64 zeros at the start). */
export const BundleAnchor = z.strictObject({
  device: DeviceId,
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  hash: Hex64,
});
export type BundleAnchor = z.infer<typeof BundleAnchor>;

/** Zip member names we write and accept: relative, forward slashes, no `.`/`..` segments. */
export const BundlePath = z
  .string()
  .min(1)
  .max(255)
  .regex(/^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/, 'unsafe bundle path');

export const BundleFile = z.strictObject({
  path: BundlePath,
  sha256: Hex64,
  bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
});
export type BundleFile = z.infer<typeof BundleFile>;

export const BundleDevice = z.strictObject({
  id: DeviceId,
  publicKeyPem: z.string().min(1).max(4096),
});
export type BundleDevice = z.infer<typeof BundleDevice>;

export const BundleManifest = z.strictObject({
  v: z.literal(1),
  format: z.literal(BUNDLE_FORMAT),
  createdAt: Timestamp,
  createdBy: z.string().min(1).max(320),
  filter: BundleFilter,
  signer: DeviceId,
  anchors: z.array(BundleAnchor).max(10_000),
  files: z.array(BundleFile).max(10_000),
  devices: z.array(BundleDevice).min(1).max(10_000),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** Files every bundle has, besides manifest.json and manifest.sig. */
export const BUNDLE_FILES = {
  entries: 'entries.jsonl',
  checkpoints: 'checkpoints.jsonl',
  receipts: 'receipts.jsonl',
  reportHtml: 'report.html',
  reportCsv: 'report.csv',
  verify: 'VERIFY.md',
  manifest: 'manifest.json',
  signature: 'manifest.sig',
  serverKey: 'keys/server.pub.pem',
} as const;

/** Where a device's public key lives inside a bundle. */
export function deviceKeyPath(deviceId: string): string {
  return `keys/device-${deviceId}.pub.pem`;
}
