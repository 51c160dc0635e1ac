import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { isNotFound, readAt, writeAll, type FileSystem, type VaultFileHandle } from './file-system';
import type { SnapshotPointer } from './head-file';
import {
  AuthenticationError,
  SEAL_OVERHEAD,
  TAG_BYTES,
  aad,
  sha256,
  type CipherStrategy,
  type Sealer,
} from './vault-crypto';
import { corrupt, fromIoError } from './vault-errors';

const MAGIC = Buffer.from('SRSNAP01');
/** 4 MiB chunks: small enough to yield to the event loop between them while compacting. */
export const SNAPSHOT_CHUNK_BYTES = 4 * 1024 * 1024;

export function snapshotFileName(gen: number): string {
  return `snapshot-${String(gen).padStart(8, '0')}.db.enc`;
}

interface SnapshotHeader {
  vaultId: string;
  gen: number;
  keyId: string;
  chunkSize: number;
  chunks: number;
  plainBytes: number;
}

function chunkAad(h: SnapshotHeader, headerHash: Buffer, index: number): Buffer {
  return aad('snapshot', h.vaultId, h.gen, h.keyId, index, h.chunks, h.plainBytes, headerHash);
}

export interface SnapshotWriteOptions {
  fs: FileSystem;
  dir: string;
  cipher: CipherStrategy;
  key: { id: string; key: Buffer };
  vaultId: string;
  gen: number;
  /** The sql.js database image. */
  plain: Uint8Array;
  /**
   * Runs one small step (seal and write about 1 MiB). Compaction passes the
   * store's mutex here, so steps alternate with saves instead of competing with
   * them for the CPU, the thread pool and the disk; a save waits for at most one
   * step. Throwing (the vault was locked) abandons the snapshot.
   */
  step?: <T>(fn: () => Promise<T>) => Promise<T>;
}

const STEP_BYTES = 1024 * 1024;
const SYNC_EVERY_BYTES = 4 * 1024 * 1024;

/**
 * Layout: magic ‖ u32 header length ‖ header JSON ‖ sealed chunks. Every chunk is
 * its own AES-GCM message (nonce ‖ ciphertext ‖ tag) whose associated data binds
 * vault, generation, key, chunk index and count, total size and a hash of the
 * header: chunks cannot be reordered, dropped, or moved between snapshots.
 */
export async function writeSnapshot(o: SnapshotWriteOptions): Promise<SnapshotPointer> {
  const step = o.step ?? (<T>(fn: () => Promise<T>) => fn());
  const chunks = Math.max(1, Math.ceil(o.plain.length / SNAPSHOT_CHUNK_BYTES));
  const h: SnapshotHeader = {
    vaultId: o.vaultId,
    gen: o.gen,
    keyId: o.key.id,
    chunkSize: SNAPSHOT_CHUNK_BYTES,
    chunks,
    plainBytes: o.plain.length,
  };
  const headerJson = Buffer.from(JSON.stringify(h), 'utf8');
  const prefix = Buffer.alloc(MAGIC.length + 4);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32BE(headerJson.length, MAGIC.length);
  const headerHash = sha256(headerJson);
  const tags = createHash('sha256');
  const name = snapshotFileName(o.gen);
  let pos = 0;

  const write = async (fh: VaultFileHandle) => {
    let synced = 0;
    const put = async (b: Uint8Array) => {
      await writeAll(fh, b, pos);
      pos += b.length;
      // Flushing as we go keeps each fsync short: on ext4 (data=ordered) one big
      // flush stalls every other fsync on the disk, i.e. concurrent saves.
      if (pos - synced >= SYNC_EVERY_BYTES) {
        await fh.datasync();
        synced = pos;
      }
    };
    await step(() => put(Buffer.concat([prefix, headerJson])));
    for (let i = 0; i < chunks; i++) {
      const chunk = o.plain.subarray(i * SNAPSHOT_CHUNK_BYTES, (i + 1) * SNAPSHOT_CHUNK_BYTES);
      let sealer: Sealer | undefined;
      for (let off = 0; off < chunk.length || off === 0; off += STEP_BYTES) {
        await step(async () => {
          // Created inside a step: a lock in between wipes the key and fails the step first.
          if (!sealer) {
            sealer = o.cipher.sealer(o.key.key, chunkAad(h, headerHash, i));
            await put(sealer.nonce);
          }
          await put(sealer.update(chunk.subarray(off, off + STEP_BYTES)));
          if (off + STEP_BYTES >= chunk.length) {
            const tag = sealer.final();
            tags.update(tag);
            await put(tag);
          }
        });
        if (chunk.length === 0) break;
      }
    }
    await step(() => fh.datasync());
  };

  try {
    await writeFileAtomic(o.fs, join(o.dir, name), write);
  } catch (err) {
    throw fromIoError(err, name, 'write');
  }
  return { gen: o.gen, keyId: o.key.id, bytes: pos, chunks, tagsDigest: tags.digest('hex') };
}

export interface SnapshotReadOptions {
  fs: FileSystem;
  dir: string;
  cipher: CipherStrategy;
  vaultId: string;
  pointer: SnapshotPointer;
  keyFor: (keyId: string) => Buffer | undefined;
}

/**
 * Decrypts a snapshot into one buffer. The next chunk is read (in the thread
 * pool) while the current one is decrypted, so I/O and AES overlap.
 */
export async function readSnapshot(o: SnapshotReadOptions): Promise<Buffer> {
  const name = snapshotFileName(o.pointer.gen);
  const size = await o.fs.size(join(o.dir, name)).catch((err: unknown) => {
    throw fromIoError(err, name, 'read');
  });
  if (size === undefined)
    throw corrupt(name, 'the file is missing (vault.head names it as the current snapshot)');
  if (size !== o.pointer.bytes)
    throw corrupt(
      name,
      `its size is ${size} bytes but vault.head records ${o.pointer.bytes} (truncated or replaced)`,
    );
  let fh;
  try {
    fh = await o.fs.open(join(o.dir, name), 'r');
  } catch (err) {
    if (isNotFound(err)) throw corrupt(name, 'the file is missing');
    throw fromIoError(err, name, 'open');
  }
  try {
    const prefix = await readAt(fh, MAGIC.length + 4, 0);
    if (prefix.length < MAGIC.length + 4 || !prefix.subarray(0, MAGIC.length).equals(MAGIC))
      throw corrupt(name, 'not a snapshot file (bad magic)');
    const headerLen = prefix.readUInt32BE(MAGIC.length);
    if (headerLen > 64 * 1024) throw corrupt(name, 'impossible header length');
    const headerJson = await readAt(fh, headerLen, prefix.length);
    let h: SnapshotHeader;
    try {
      h = JSON.parse(headerJson.toString('utf8')) as SnapshotHeader;
    } catch (err) {
      throw corrupt(name, 'unreadable header', err);
    }
    const p = o.pointer;
    if (
      h.vaultId !== o.vaultId ||
      h.gen !== p.gen ||
      h.keyId !== p.keyId ||
      h.chunks !== p.chunks ||
      h.chunkSize !== SNAPSHOT_CHUNK_BYTES
    ) {
      throw corrupt(name, 'its header does not match vault.head (file swapped or from another vault)');
    }
    const key = o.keyFor(h.keyId);
    if (!key) throw corrupt(name, `sealed with a key (${h.keyId}) that vault.keys does not hold`);
    const expectedBytes = prefix.length + headerLen + h.plainBytes + h.chunks * SEAL_OVERHEAD;
    if (expectedBytes !== size || Math.max(1, Math.ceil(h.plainBytes / SNAPSHOT_CHUNK_BYTES)) !== h.chunks) {
      throw corrupt(name, 'its header is inconsistent with the file size');
    }
    const headerHash = sha256(headerJson);
    const out = Buffer.allocUnsafe(h.plainBytes);
    const tags = createHash('sha256');
    let pos = prefix.length + headerLen;
    const lenOf = (i: number) =>
      Math.min(SNAPSHOT_CHUNK_BYTES, h.plainBytes - i * SNAPSHOT_CHUNK_BYTES) + SEAL_OVERHEAD;
    let next = readAt(fh, lenOf(0), pos);
    for (let i = 0; i < h.chunks; i++) {
      const sealed = await next;
      pos += sealed.length;
      if (i + 1 < h.chunks) next = readAt(fh, lenOf(i + 1), pos);
      let plain: Buffer;
      try {
        plain = o.cipher.open(key, sealed, chunkAad(h, headerHash, i));
      } catch (err) {
        if (err instanceof AuthenticationError)
          throw corrupt(name, `chunk ${i + 1} of ${h.chunks} does not authenticate`, err);
        throw err;
      }
      plain.copy(out, i * SNAPSHOT_CHUNK_BYTES);
      tags.update(sealed.subarray(sealed.length - TAG_BYTES));
    }
    if (tags.digest('hex') !== p.tagsDigest)
      throw corrupt(name, 'it is not the snapshot vault.head expects (older copy or swapped)');
    return out;
  } finally {
    await fh.close();
  }
}
