/** SHA-256 over the canonical forms of common/audit/jcs.ts: the hashes the format publishes. */
import { createHash } from 'node:crypto';
import type { AuditEntry, UnhashedEntry } from '../../../common/audit/entry.schema';
import type { Checkpoint } from '../../../common/audit/checkpoint.schema';
import { entryHashInput, jcs } from '../../../common/audit/jcs';

/** Lowercase hex SHA-256 of UTF-8 text or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** An entry's `hash`: SHA-256 of the JCS form of the entry without `hash`. */
export function entryHash(entry: UnhashedEntry | AuditEntry | Record<string, unknown>): string {
  return sha256Hex(entryHashInput(entry));
}

/** What the next checkpoint's `prevCheckpoint` holds: SHA-256 of this checkpoint's JCS form, sig included. */
export function checkpointDigest(checkpoint: Checkpoint): string {
  return sha256Hex(jcs(checkpoint));
}
