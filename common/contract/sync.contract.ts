import { z } from 'zod';
import { channel } from './define';

/** Why the last attempt (or an enrollment) failed, as the UI words it. */
export const SyncFailureReason = z.enum([
  'unreachable',
  'wrong-ca',
  'bad-reply',
  'refused',
  'server-error',
  'internal',
]);
export type SyncFailureReason = z.infer<typeof SyncFailureReason>;

const Url = z.string().max(2_048);
const Instant = z.string().max(40);

/** `sync.status`: enrollment and the sync loop, for Settings' "Organisation server" panel. */
export const SyncStatus = z.strictObject({
  /** 'locked': the enrollment is in the vault and cannot be read until it is unlocked. */
  state: z.enum(['locked', 'not-enrolled', 'enrolled']),
  /** What enrollment would use: managed configuration's values (locked in the UI) or null. */
  prefill: z.strictObject({
    serverUrl: Url.nullable(),
    tenant: z.string().max(128).nullable(),
    serverUrlLocked: z.boolean(),
    tenantLocked: z.boolean(),
  }),
  /** Set once enrolled. */
  serverUrl: Url.nullable(),
  tenant: z.string().max(128).nullable(),
  device: z.string().max(64).nullable(),
  enrolledAt: Instant.nullable(),
  online: z.boolean().nullable(),
  phase: z.enum(['idle', 'syncing', 'error']).nullable(),
  lastSyncAt: Instant.nullable(),
  nextAttemptAt: Instant.nullable(),
  /** Local audit entries no server receipt covers yet. */
  pending: z.number().int().nonnegative().nullable(),
  lastError: z.strictObject({ reason: SyncFailureReason, message: z.string().max(2_000) }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** The Organisation server panel's channels, merged into `contract`. */
export const syncContract = {
  'sync.status': channel({
    summary: 'Whether this device is enrolled with an organisation server, and how its sync stands.',
    request: z.strictObject({}),
    reply: SyncStatus,
  }),
  'sync.enroll': channel({
    summary:
      'Enrolls this device with the organisation server using a one-time code from IT: makes the device certificate and keeps it in the vault. Managed configuration overrides the server URL and tenant.',
    request: z.strictObject({
      serverUrl: z.string().trim().min(1).max(2_048),
      tenant: z.string().trim().min(1).max(128),
      code: z.string().trim().min(8).max(64),
    }),
    reply: SyncStatus,
    audited: true,
  }),
  'sync.now': channel({
    summary: 'Syncs now: pushes audit entries the server lacks and pulls policy if it changed.',
    request: z.strictObject({}),
    reply: SyncStatus,
  }),
  'sync.unenroll': channel({
    summary: "Forgets this device's enrollment (its certificate and keys). The local audit log is kept.",
    request: z.strictObject({}),
    reply: SyncStatus,
    audited: true,
  }),
};
