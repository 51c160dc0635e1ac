import { join } from 'node:path';
import { BLOB_DIR } from './blob-store';
import type { FileSystem } from './file-system';
import { HEAD_FILE, decodeHead, readHeadBytes } from './head-file';
import { journalFileName, readJournalBytes, scanJournal } from './journal';
import { KEY_FILE, keyFileMac, readKeyFile } from './key-file';
import type { KeyScope } from './key-hierarchy';
import type { IntegrityFailure } from './reencrypt-job';
import { readSnapshot } from './snapshot-file';
import { checkKeyEpoch } from './store-open';
import { readAttempts } from './throttle';
import { isVaultError } from './vault-errors';
import type { VaultStore } from './vault-store';

function failureOf(err: unknown, fallbackFile: string): IntegrityFailure {
  if (isVaultError(err)) return { file: err.file ?? fallbackFile, problem: err.message };
  return { file: fallbackFile, problem: err instanceof Error ? err.message : String(err) };
}

/**
 * Walks every file of an unlocked vault and lists what is wrong, without
 * stopping at the first problem: key file, attempt counter, head, snapshot (fully
 * decrypted), each journal (every record authenticated and counted) and every
 * blob the database references (decrypted and checked against its address).
 */
export async function verifyStore(store: VaultStore): Promise<IntegrityFailure[]> {
  const { fs, dir, cipher } = store.deps;
  const failures: IntegrityFailure[] = [];
  const check = async (file: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      failures.push(failureOf(err, file));
    }
  };

  await store.exclusive(async () => {
    const { ring, head } = store;
    await check(KEY_FILE, async () => {
      const kf = await readKeyFile(fs, dir);
      if (!kf) throw new Error('the file is missing');
      if (kf.vaultId !== ring.vaultId || keyFileMac(ring.macKey, kf.vaultId, kf.auth) !== kf.mac)
        throw new Error('its authentication code does not match');
      checkKeyEpoch(kf, head);
    });
    await check('vault.attempts', async () => {
      await readAttempts(fs, dir);
    });
    await check(HEAD_FILE, async () => {
      const bytes = await readHeadBytes(fs, dir);
      if (!bytes) throw new Error('the file is missing');
      const onDisk = decodeHead(ring.headKey, ring.vaultId, bytes);
      if (onDisk.counter !== head.counter)
        throw new Error(`it is not the current head (counter ${onDisk.counter}, expected ${head.counter})`);
    });
    await check(`snapshot of generation ${head.snapshot.gen}`, async () => {
      const image = await readSnapshot({
        fs,
        dir,
        cipher,
        vaultId: ring.vaultId,
        pointer: head.snapshot,
        keyFor: (id) => ring.dataKeys.get(id)?.key,
      });
      image.fill(0);
    });
    for (const ptr of head.journals) {
      const name = journalFileName(ptr.gen);
      await check(name, async () => {
        const bytes = await readJournalBytes(fs, dir, ptr.gen);
        const scan = scanJournal(
          bytes,
          { cipher, vaultId: ring.vaultId, gen: ptr.gen },
          ptr.startHash,
          (id) => ring.dataKeys.get(id)?.key,
        );
        if ('badHeader' in scan) throw new Error(scan.badHeader);
        if (scan.stop) throw new Error(`record ${scan.stop.seq}: ${scan.stop.problem}`);
        if (scan.records.length !== ptr.seq)
          throw new Error(`holds ${scan.records.length} records, vault.head records ${ptr.seq}`);
        if (ptr.seq > 0 && scan.records[ptr.seq - 1]!.hash !== ptr.hash)
          throw new Error('its records are not the ones vault.head recorded');
      });
    }
  });

  const blobs = await store.exclusive(() =>
    store.db.all<{ blob_id: string; key_scope: string }>('SELECT DISTINCT blob_id, key_scope FROM versions'),
  );
  for (const b of blobs) {
    await store.exclusive(() =>
      check(`${BLOB_DIR}/${b.blob_id}`, async () => {
        (await store.blobs.get(b.blob_id, b.key_scope as KeyScope)).fill(0);
      }),
    );
  }
  return failures;
}

/** Total size of the vault folder, blobs included. */
export async function bytesOnDisk(
  fs: FileSystem,
  dir: string,
): Promise<{ bytes: number; blobFiles: number }> {
  let bytes = 0;
  let blobFiles = 0;
  for (const name of await fs.readdir(dir)) {
    if (name === BLOB_DIR) continue;
    bytes += (await fs.size(join(dir, name))) ?? 0;
  }
  const root = join(dir, BLOB_DIR);
  for (const shard of await fs.readdir(root).catch(() => [] as string[])) {
    for (const n of await fs.readdir(join(root, shard)).catch(() => [] as string[])) {
      bytes += (await fs.size(join(root, shard, n))) ?? 0;
      if (n.endsWith('.blob')) blobFiles++;
    }
  }
  return { bytes, blobFiles };
}
