import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { isNotFound, type FileSystem } from './file-system';
import { currentKey, keyForRead, type KeyScope, type Keyring } from './key-hierarchy';
import { AuthenticationError, aad, hmac, type CipherStrategy } from './vault-crypto';
import { VaultError, corrupt, fromIoError } from './vault-errors';

const MAGIC = Buffer.from('SRBLOB01');
export const BLOB_DIR = 'blobs';

/** Relative path of a blob file: blobs/<first two hex digits>/<id>.blob. */
export function blobFileName(blobId: string): string {
  return `${BLOB_DIR}/${blobId.slice(0, 2)}/${blobId}.blob`;
}

/**
 * Content address: HMAC-SHA256 under the vault's naming key over scope and
 * content. Keyed so file names reveal nothing about content to someone who can
 * guess it; scoped so a subject's blob never deduplicates with another scope's
 * blob (it is sealed under a different key). Independent of the sealing key, so
 * re-encryption rewrites a blob in place without touching the database.
 */
export function blobIdFor(namingKey: Buffer, scope: KeyScope, plaintext: Uint8Array): string {
  return hmac(namingKey, 'blob\0', scope, '\0', plaintext).toString('hex');
}

export interface PutResult {
  blobId: string;
  /** False when an intact blob with this content already existed. */
  written: boolean;
}

export interface BlobStore {
  put(scope: KeyScope, plaintext: Uint8Array, options?: { syncDir?: boolean }): Promise<PutResult>;
  get(blobId: string, scope: KeyScope): Promise<Buffer>;
  /** Re-seals a blob under its scope's current key; false when it already was. */
  reseal(blobId: string, scope: KeyScope): Promise<boolean>;
  remove(blobId: string): Promise<void>;
  /** fsyncs the folders that received new files since the last call (for bulk puts). */
  syncPendingDirs(): Promise<void>;
}

export function createBlobStore(o: {
  fs: FileSystem;
  dir: string;
  cipher: CipherStrategy;
  ring: Keyring;
}): BlobStore {
  const { fs, dir, cipher, ring } = o;
  const knownDirs = new Set<string>();
  const pendingDirs = new Set<string>();

  function seal(blobId: string, scope: KeyScope, plaintext: Uint8Array): Buffer {
    const key = currentKey(ring, scope);
    if (!key) throw new VaultError('INVALID_ARGUMENT', `No key exists for ${scope}`);
    const keyId = Buffer.from(key.id, 'utf8');
    const sealed = cipher.seal(key.key, plaintext, aad('blob', ring.vaultId, blobId, scope, key.id));
    return Buffer.concat([MAGIC, Buffer.from([keyId.length]), keyId, sealed]);
  }

  function keyIdOf(name: string, bytes: Buffer): string {
    if (bytes.length < MAGIC.length + 1 || !bytes.subarray(0, MAGIC.length).equals(MAGIC))
      throw corrupt(name, 'not a blob file (bad magic)');
    const len = bytes.readUInt8(MAGIC.length);
    if (bytes.length < MAGIC.length + 1 + len) throw corrupt(name, 'truncated header');
    return bytes.toString('utf8', MAGIC.length + 1, MAGIC.length + 1 + len);
  }

  async function readRaw(blobId: string): Promise<Buffer | undefined> {
    const name = blobFileName(blobId);
    try {
      return await fs.readFile(join(dir, name));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw fromIoError(err, name, 'read');
    }
  }

  function open(blobId: string, scope: KeyScope, bytes: Buffer): Buffer {
    const name = blobFileName(blobId);
    const keyId = keyIdOf(name, bytes);
    const key = keyForRead(ring, scope, keyId);
    if (!key) {
      // No key at all for the subject means it was shredded; a subject that still has
      // keys but not this one means the header is damaged.
      if (scope !== 'data' && !currentKey(ring, scope)) {
        throw new VaultError(
          'NOT_FOUND',
          `The content in ${name} belonged to a data subject whose key has been destroyed (crypto-shredded).`,
          {
            file: name,
          },
        );
      }
      throw corrupt(name, `sealed with a key (${keyId}) that vault.keys does not hold`);
    }
    let plain: Buffer;
    try {
      plain = cipher.open(
        key,
        bytes.subarray(MAGIC.length + 1 + Buffer.byteLength(keyId)),
        aad('blob', ring.vaultId, blobId, scope, keyId),
      );
    } catch (err) {
      if (err instanceof AuthenticationError)
        throw corrupt(
          name,
          'it does not authenticate (damaged, truncated, or swapped with another blob)',
          err,
        );
      throw err;
    }
    // Belt and braces: the content must hash to the address the database holds.
    if (blobIdFor(ring.namingKey, scope, plain) !== blobId)
      throw corrupt(name, 'content does not match its address');
    return plain;
  }

  async function writeBlob(blobId: string, data: Buffer, syncDir: boolean): Promise<void> {
    const name = blobFileName(blobId);
    const sub = join(dir, BLOB_DIR, blobId.slice(0, 2));
    try {
      if (!knownDirs.has(sub)) {
        await fs.mkdir(sub);
        // A new shard folder must itself be durable in blobs/.
        await fs.syncDir(join(dir, BLOB_DIR));
        knownDirs.add(sub);
      }
      await writeFileAtomic(fs, join(dir, name), data, { syncDir });
      if (!syncDir) pendingDirs.add(sub);
    } catch (err) {
      throw fromIoError(err, name, 'write');
    }
  }

  return {
    async put(scope, plaintext, options = {}) {
      const blobId = blobIdFor(ring.namingKey, scope, plaintext);
      const existing = await readRaw(blobId);
      if (existing) {
        try {
          open(blobId, scope, existing).fill(0);
          // Reuse only a copy sealed with the current key, so a re-encryption job never
          // misses a blob that a save re-referenced while it ran.
          if (keyIdOf(blobFileName(blobId), existing) === currentKey(ring, scope)?.id)
            return { blobId, written: false };
        } catch {
          // A damaged copy under this address: overwrite it with a good one.
        }
      }
      await writeBlob(blobId, seal(blobId, scope, plaintext), options.syncDir !== false);
      return { blobId, written: true };
    },
    async get(blobId, scope) {
      const bytes = await readRaw(blobId);
      if (!bytes) throw corrupt(blobFileName(blobId), 'the file is missing (the database refers to it)');
      return open(blobId, scope, bytes);
    },
    async reseal(blobId, scope) {
      const bytes = await readRaw(blobId);
      if (!bytes) throw corrupt(blobFileName(blobId), 'the file is missing (the database refers to it)');
      const cur = currentKey(ring, scope);
      if (cur && keyIdOf(blobFileName(blobId), bytes) === cur.id) return false;
      const plain = open(blobId, scope, bytes);
      try {
        await writeBlob(blobId, seal(blobId, scope, plain), true);
      } finally {
        plain.fill(0);
      }
      return true;
    },
    async remove(blobId) {
      await fs.unlink(join(dir, blobFileName(blobId))).catch((err: unknown) => {
        if (!isNotFound(err)) throw fromIoError(err, blobFileName(blobId), 'delete');
      });
    },
    async syncPendingDirs() {
      const dirs = [...pendingDirs];
      pendingDirs.clear();
      for (const d of dirs) await fs.syncDir(d);
    },
  };
}
