import { addDataKey, addSubjectKeyByRef, checkpointKeys, destroyKeys, type KeyScope } from './key-hierarchy';
import { isVaultError } from './vault-errors';
import type { VaultStore } from './vault-store';

/** One integrity problem found while walking the vault. */
export interface IntegrityFailure {
  /** Relative to the vault folder. */
  file: string;
  problem: string;
}

export type ProgressCallback = (done: number, total: number) => void;

/**
 * Re-encrypts everything under fresh keys, for when a key may be compromised:
 * new data key and new key for every subject; every blob re-sealed in place (its
 * content address does not depend on the key); a compaction re-seals snapshot and
 * journal; then the old keys are destroyed. Saves may continue meanwhile (new
 * writes already use the new keys). Interrupted, it can simply be run again.
 * The master key is not replaced: change the unlock methods for that.
 */
export async function reencryptAll(
  store: VaultStore,
  onProgress?: ProgressCallback,
): Promise<{ blobs: number; failures: IntegrityFailure[] }> {
  const retired = await store.exclusive(async () => {
    const ring = store.ring;
    const old = new Set([...ring.dataKeys.keys(), ...ring.subjectKeys.keys()]);
    const undo = checkpointKeys(ring);
    const now = store.deps.clock.now();
    addDataKey(ring, now);
    for (const ref of new Set([...ring.subjectKeys.values()].map((k) => k.subjectRef)))
      addSubjectKeyByRef(ring, ref, now);
    try {
      await store.persistKeys();
    } catch (err) {
      undo();
      throw err;
    }
    return old;
  });

  const blobs = await store.exclusive(() =>
    store.db.all<{ blob_id: string; key_scope: string }>(
      'SELECT DISTINCT blob_id, key_scope FROM versions ORDER BY blob_id',
    ),
  );
  const total = blobs.length + 1;
  const failures: IntegrityFailure[] = [];
  onProgress?.(0, total);
  let done = 0;
  for (const b of blobs) {
    await store.exclusive(async () => {
      try {
        await store.blobs.reseal(b.blob_id, b.key_scope as KeyScope);
      } catch (err) {
        // A damaged blob cannot be re-sealed; report it and carry on with the rest.
        if (!isVaultError(err) || !err.file) throw err;
        failures.push({ file: err.file, problem: err.message });
      }
    });
    onProgress?.(++done, total);
  }

  await store.compact();
  await store.exclusive(async () => {
    destroyKeys(store.ring, (k) => retired.has(k.id));
    await store.persistKeys();
  });
  onProgress?.(total, total);
  return { blobs: blobs.length, failures };
}
