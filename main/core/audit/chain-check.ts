/**
 * The link and hash rules of §3, shared by the log's own verification and the bundle verifier so
 * both judge a chain the same way and word failures the same way.
 */
import type { Checkpoint } from '../../../common/audit/checkpoint.schema';
import type { ChainPoint } from './audit-store';
import { checkpointDigest, entryHash } from './audit-hash';
import { verifySignedObject } from './audit-signature';
import type { KeyObject } from 'node:crypto';

/** Checks that `link` directly follows `cursor`; returns what is wrong, or undefined. */
export function checkLink(cursor: ChainPoint, link: { seq: number; prev: string }): string | undefined {
  if (link.seq !== cursor.seq + 1) {
    if (link.seq <= cursor.seq)
      return `seq ${link.seq} comes after seq ${cursor.seq}: entries are reordered or repeated`;
    return `seq ${link.seq} follows seq ${cursor.seq}: entries ${cursor.seq + 1}…${link.seq - 1} are missing`;
  }
  if (link.prev !== cursor.hash) {
    return `its prev does not match the hash of entry ${cursor.seq}: the chain is broken here`;
  }
  return undefined;
}

/** Recomputes a full entry's hash; returns what is wrong, or undefined. Never throws. */
export function checkEntryHash(entry: Record<string, unknown>): string | undefined {
  try {
    return entryHash(entry) === entry.hash
      ? undefined
      : 'the entry does not hash to its hash field: it was altered';
  } catch (error) {
    return `the entry cannot be canonicalized (${(error as Error).message})`;
  }
}

/**
 * Checks a device's checkpoints in order: each signature, and each `prevCheckpoint` against the
 * digest of the one before (the first one's is taken as given unless `firstPrev` is known).
 * Returns the index and problem of the first bad one.
 */
export function checkCheckpointSequence(
  checkpoints: readonly Checkpoint[],
  publicKey: KeyObject | string,
  firstPrev?: string,
): { index: number; problem: string } | undefined {
  let previous: Checkpoint | undefined;
  for (const [index, checkpoint] of checkpoints.entries()) {
    if (!verifySignedObject(checkpoint, publicKey)) {
      return { index, problem: 'its signature does not verify with the device key' };
    }
    const expected = previous ? checkpointDigest(previous) : firstPrev;
    if (expected !== undefined && checkpoint.prevCheckpoint !== expected) {
      return {
        index,
        problem: 'its prevCheckpoint does not match the checkpoint before it: a checkpoint is missing',
      };
    }
    if (previous && checkpoint.seq < previous.seq) {
      return { index, problem: `its seq ${checkpoint.seq} goes back from ${previous.seq}` };
    }
    previous = checkpoint;
  }
  return undefined;
}
