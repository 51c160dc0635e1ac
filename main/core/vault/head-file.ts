import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';
import { isNotFound, type FileSystem } from './file-system';
import { AuthenticationError, aad, aesGcm } from './vault-crypto';
import { corrupt, fromIoError } from './vault-errors';

export const HEAD_FILE = 'vault.head';
const MAGIC = Buffer.from('SRHEAD01');

const journalPointer = z.object({
  gen: z.number().int().positive(),
  /** Hash chain value before this journal's first record (the previous journal's last). */
  startHash: z.string().regex(/^[0-9a-f]{64}$/),
  /** Records in this journal file that were acknowledged (or at least made durable). */
  seq: z.number().int().nonnegative(),
  /** Hash chain value after the last record (hex). Continues across generations. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const snapshotPointer = z.object({
  gen: z.number().int().positive(),
  keyId: z.string(),
  bytes: z.number().int().nonnegative(),
  chunks: z.number().int().positive(),
  /** SHA-256 over every chunk's tag in order: commits to the exact ciphertext. */
  tagsDigest: z.string().regex(/^[0-9a-f]{64}$/),
});
const head = z.object({
  v: z.literal(1),
  vaultId: z.string(),
  /** Bumped on every head write. */
  counter: z.number().int().nonnegative(),
  /** Batches committed over the vault's life (replay count included). */
  commits: z.number().int().nonnegative(),
  keyEpoch: z.number().int().nonnegative(),
  keyAuthHash: z.string().regex(/^[0-9a-f]{64}$/),
  cipher: z.enum(['aes-256-gcm', 'identity']),
  /** Snapshot gen G holds the state after every journal of generation < G. */
  snapshot: snapshotPointer,
  /** Journals still needed on top of the snapshot, oldest first; the last one takes new writes. */
  journals: z.array(journalPointer).min(1),
});

export type JournalPointer = z.infer<typeof journalPointer>;
export type SnapshotPointer = z.infer<typeof snapshotPointer>;
export type HeadState = z.infer<typeof head>;

/**
 * vault.head is the small authenticated manifest that ties the other files
 * together: which snapshot is current (and a digest of its exact ciphertext),
 * which journals follow it and how many records each must have, and which
 * key-file epoch is current. It is rewritten atomically after every commit, so
 * deleting, truncating, swapping or rolling back any single file contradicts it.
 * Sealed with AES-256-GCM under a key derived from the master key.
 */
export function encodeHead(headKey: Buffer, state: HeadState): Buffer {
  const sealed = aesGcm.seal(headKey, Buffer.from(JSON.stringify(state)), aad('head', state.vaultId));
  return Buffer.concat([MAGIC, sealed]);
}

export function decodeHead(headKey: Buffer, vaultId: string, bytes: Buffer): HeadState {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
    throw corrupt(HEAD_FILE, 'not a vault head file (bad magic)');
  let plain: Buffer;
  try {
    plain = aesGcm.open(headKey, bytes.subarray(MAGIC.length), aad('head', vaultId));
  } catch (err) {
    if (err instanceof AuthenticationError) {
      throw corrupt(
        HEAD_FILE,
        'it does not authenticate under the keys in vault.keys (damaged, or one of the two files was replaced)',
        err,
      );
    }
    throw err;
  }
  const parsed = head.safeParse(JSON.parse(plain.toString('utf8')));
  if (!parsed.success || parsed.data.vaultId !== vaultId) throw corrupt(HEAD_FILE, 'unexpected content');
  return parsed.data;
}

export async function readHeadBytes(fs: FileSystem, dir: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(join(dir, HEAD_FILE));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw fromIoError(err, HEAD_FILE, 'read');
  }
}

export async function writeHead(
  fs: FileSystem,
  dir: string,
  headKey: Buffer,
  state: HeadState,
): Promise<void> {
  try {
    await writeFileAtomic(fs, join(dir, HEAD_FILE), encodeHead(headKey, state));
  } catch (err) {
    throw fromIoError(err, HEAD_FILE, 'write');
  }
}
