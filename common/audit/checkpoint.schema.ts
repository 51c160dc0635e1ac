/**
 * Signed statements about a chain (ARCHITECTURE.md §3): the device's checkpoint of its head and the
 * server's receipt for what it accepted. Both are signed the same way: `sig` is the base64 Ed25519
 * signature over the RFC 8785 (JCS) form of the object without `sig`.
 */
import { z } from 'zod';
import { DeviceId, Hex64, Seq, Timestamp } from './entry.schema';

/** Base64 of a 64-byte Ed25519 signature (88 characters with padding). */
export const Signature64 = z.base64().length(88);

/**
 * The device's signed statement "my log has `seq` entries and entry `seq` hashes to `head`".
 * `prevCheckpoint` is the SHA-256 (hex) of the JCS form of the device's previous checkpoint,
 * signature included (64 zeros for the first), so checkpoints form their own chain, as CloudTrail
 * chains its digest files, and a deleted checkpoint shows.
 */
export const Checkpoint = z.strictObject({
  v: z.literal(1),
  device: DeviceId,
  seq: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  head: Hex64,
  ts: Timestamp,
  prevCheckpoint: Hex64,
  sig: Signature64,
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** Why a checkpoint was made; kept beside it in the store, not signed (not part of the format). */
export const CheckpointReason = z.enum(['lock', 'sync', 'export', 'interval', 'timer', 'manual']);
export type CheckpointReason = z.infer<typeof CheckpointReason>;

/**
 * The server's countersignature: it accepted `device`'s entries `from`..`to` (inclusive) and entry
 * `to` hashes to `head`. Only entries covered by a verified receipt may ever be pruned locally.
 */
export const Receipt = z
  .strictObject({
    v: z.literal(1),
    device: DeviceId,
    from: Seq,
    to: Seq,
    head: Hex64,
    receivedAt: Timestamp,
    sig: Signature64,
  })
  .refine((receipt) => receipt.from <= receipt.to, { message: 'receipt.from must not exceed receipt.to' });
export type Receipt = z.infer<typeof Receipt>;
