import { join } from 'node:path';
import { isTempFile, writeFileAtomic } from './atomic-write';
import { BLOB_DIR } from './blob-store';
import { runCompaction } from './compaction';
import { HEAD_FILE, type HeadState, decodeHead, readHeadBytes, writeHead } from './head-file';
import {
  JOURNAL_HEADER_BYTES,
  JournalWriter,
  createJournal,
  genesisHash,
  journalFileName,
  readJournalBytes,
  scanJournal,
} from './journal';
import {
  KEY_FILE,
  type KeyFile,
  type KeyFileAuth,
  type UnlockSlot,
  keyAuthHash,
  keyFileMac,
  writeKeyFile,
} from './key-file';
import { addDataKey, currentKey, openKeyring, wipeKeyring, wrapKeys, type Keyring } from './key-hierarchy';
import { schemaOps } from './schema';
import { snapshotFileName, readSnapshot, writeSnapshot } from './snapshot-file';
import { SqlStore } from './sql-store';
import { isNotFound } from './file-system';
import { wipe } from './vault-crypto';
import { VaultError, corrupt, fromIoError } from './vault-errors';
import { VaultStore, type StoreDeps } from './vault-store';

/**
 * Compares the key file with the epoch vault.head recorded. Returns true when the
 * key file is exactly one epoch ahead: a crash between writing vault.keys and
 * vault.head, which the caller repairs by rewriting the head.
 */
export function checkKeyEpoch(keyFile: KeyFile, head: HeadState): boolean {
  const epoch = keyFile.auth.epoch;
  if (epoch < head.keyEpoch) {
    throw corrupt(
      KEY_FILE,
      `it is an older copy (key epoch ${epoch}, but vault.head expects ${head.keyEpoch})`,
    );
  }
  if (epoch === head.keyEpoch) {
    if (keyAuthHash(keyFile.vaultId, keyFile.auth) !== head.keyAuthHash)
      throw corrupt(KEY_FILE, 'it is not the key file vault.head recorded');
    return false;
  }
  if (epoch === head.keyEpoch + 1) return true;
  throw corrupt(
    HEAD_FILE,
    `it is older than vault.keys (records key epoch ${head.keyEpoch}, vault.keys is at ${epoch}); replaced by an older copy?`,
  );
}

/** Opens an existing vault with its unwrapped master key (taken over: wiped on failure or lock). */
export async function openStore(
  deps: StoreDeps,
  keyFile: KeyFile,
  master: Buffer,
  workspace: string,
): Promise<VaultStore> {
  const { fs, dir, cipher } = deps;
  let ring: Keyring | undefined;
  let db: SqlStore | undefined;
  let writer: JournalWriter | undefined;
  try {
    ring = openKeyring(keyFile, master, workspace);
    if (keyFile.auth.cipher !== cipher.name) {
      throw new VaultError(
        'INVALID_ARGUMENT',
        `This vault was written with cipher "${keyFile.auth.cipher}" and cannot be opened with "${cipher.name}".`,
      );
    }
    const headBytes = await readHeadBytes(fs, dir);
    if (!headBytes) throw corrupt(HEAD_FILE, 'the file is missing');
    let head = decodeHead(ring.headKey, keyFile.vaultId, headBytes);
    let headChanged = false;
    if (checkKeyEpoch(keyFile, head)) {
      head = {
        ...head,
        keyEpoch: keyFile.auth.epoch,
        keyAuthHash: keyAuthHash(keyFile.vaultId, keyFile.auth),
      };
      headChanged = true;
    }
    if (head.cipher !== cipher.name) throw corrupt(HEAD_FILE, 'it names a different cipher than vault.keys');

    const dataKeyFor = (id: string) => ring?.dataKeys.get(id)?.key;
    const image = await readSnapshot({
      fs,
      dir,
      cipher,
      vaultId: keyFile.vaultId,
      pointer: head.snapshot,
      keyFor: dataKeyFor,
    });
    // sql.js adopts this buffer as its in-memory database file (emscripten's MEMFS
    // "copies" with Buffer#slice, which for a Node Buffer is a view), saving a copy of
    // the whole image. So it must not be wiped here; it is released with the database.
    db = await SqlStore.open(image);

    const journals = [...head.journals];
    let olderBytes = 0;
    let lastValid = JOURNAL_HEADER_BYTES;
    let commits = head.commits;
    for (let i = 0; i < journals.length; i++) {
      const ptr = journals[i]!;
      const isLast = i === journals.length - 1;
      const name = journalFileName(ptr.gen);
      let bytes: Buffer;
      try {
        bytes = await readJournalBytes(fs, dir, ptr.gen);
      } catch (err) {
        if (isNotFound(err)) throw corrupt(name, 'the file is missing (vault.head lists it)');
        throw fromIoError(err, name, 'read');
      }
      const scan = scanJournal(
        bytes,
        { cipher, vaultId: keyFile.vaultId, gen: ptr.gen },
        ptr.startHash,
        dataKeyFor,
      );
      if ('badHeader' in scan) throw corrupt(name, scan.badHeader);
      const n = scan.records.length;
      if (n < ptr.seq) {
        const why = scan.stop
          ? `record ${scan.stop.seq} of ${ptr.seq}: ${scan.stop.problem}`
          : 'records are missing';
        throw corrupt(
          name,
          `it holds ${n} intact records but vault.head records ${ptr.seq} (${why}; truncated, damaged or replaced by an older copy)`,
        );
      }
      if (ptr.seq > 0 && scan.records[ptr.seq - 1]!.hash !== ptr.hash)
        throw corrupt(name, 'its records are not the ones vault.head recorded');
      if (n > ptr.seq && (!isLast || n > ptr.seq + 1)) {
        throw corrupt(
          HEAD_FILE,
          `${name} holds ${n} records but vault.head records only ${ptr.seq}; vault.head was replaced by an older copy?`,
        );
      }
      if (scan.stop && (!isLast || n > ptr.seq))
        throw corrupt(name, `unexpected data after record ${n}: ${scan.stop.problem}`);
      // One transaction for the whole journal: FTS4 then flushes its pending terms
      // once instead of once per record. The result is the same rows and terms.
      db.begin();
      for (const rec of scan.records) {
        try {
          db.applyOps(rec.ops);
        } catch (err) {
          db.rollback();
          throw corrupt(name, `record ${rec.seq} cannot be applied (${(err as Error).message})`, err);
        }
      }
      db.commit();
      if (n > ptr.seq) {
        // The last commit before a crash reached the journal but not the head: keep it.
        journals[i] = { ...ptr, seq: n, hash: scan.records[n - 1]!.hash };
        commits += n - ptr.seq;
        headChanged = true;
      }
      if (isLast) lastValid = scan.validBytes;
      else olderBytes += bytes.length;
    }
    if (headChanged) head = { ...head, counter: head.counter + 1, commits, journals };

    writer = await JournalWriter.open(fs, dir, journals[journals.length - 1]!.gen, lastValid);
    const store = new VaultStore(deps, ring, keyFile, head, db, writer, olderBytes, runCompaction);
    if (headChanged) await store.writeHeadState(head);
    if (!currentKey(ring, 'data')) {
      // First open of this workspace: give it its own data key.
      addDataKey(ring, deps.clock.now());
      await store.exclusive(() => store.persistKeys());
    }
    await removeStrayFiles(deps, store.head);
    return store;
  } catch (err) {
    db?.close();
    await writer?.close();
    if (ring) wipeKeyring(ring);
    else wipe(master);
    throw err;
  }
}

/** Deletes what interrupted writes and compactions leave behind: temp files and unreferenced generations. */
async function removeStrayFiles(deps: StoreDeps, head: HeadState): Promise<void> {
  const { fs, dir } = deps;
  const keepJournals = new Set(head.journals.map((j) => journalFileName(j.gen)));
  const keepSnapshot = snapshotFileName(head.snapshot.gen);
  for (const name of await fs.readdir(dir)) {
    const stray =
      isTempFile(name) ||
      name === CREATING_MARKER ||
      (/^snapshot-\d+\.db\.enc$/.test(name) && name !== keepSnapshot) ||
      (/^journal-\d+\.log$/.test(name) && !keepJournals.has(name));
    if (stray) await fs.unlink(join(dir, name)).catch(() => undefined);
  }
}

/** Removes temp files an interrupted blob write left in the shard folders (run in the background). */
export async function sweepBlobTemps(store: VaultStore): Promise<void> {
  const { fs, dir } = store.deps;
  const root = join(dir, BLOB_DIR);
  for (const shard of await fs.readdir(root).catch(() => [] as string[])) {
    await store.exclusive(async () => {
      const names = await fs.readdir(join(root, shard)).catch(() => [] as string[]);
      for (const n of names) if (isTempFile(n)) await fs.unlink(join(root, shard, n)).catch(() => undefined);
    });
  }
}

/** Present only while a vault is being created, so an interrupted creation reads as "no vault" rather than damage. */
export const CREATING_MARKER = 'vault.creating';

/**
 * Creates the files of a new vault. vault.keys is written last: its presence
 * means the vault exists; until then the marker file says a creation is under way.
 */
export async function createStore(
  deps: StoreDeps,
  ring: Keyring,
  slots: UnlockSlot[],
  now: number,
): Promise<VaultStore> {
  const { fs, dir, cipher } = deps;
  const { vaultId } = ring;
  await fs.mkdir(join(dir, BLOB_DIR));
  await writeFileAtomic(fs, join(dir, CREATING_MARKER), Buffer.alloc(0));
  // Leftovers of an interrupted create (no vault.keys) are not a vault; clear them.
  for (const name of await fs.readdir(dir)) {
    if (name === HEAD_FILE || isTempFile(name) || /^(snapshot|journal)-\d+\./.test(name))
      await fs.unlink(join(dir, name));
  }
  const db = await SqlStore.open();
  db.applyAtomically(schemaOps());
  const image = db.export();
  const key = currentKey(ring, 'data')!;
  const pointer = await writeSnapshot({ fs, dir, cipher, key, vaultId, gen: 1, plain: image });
  image.fill(0);
  await createJournal(fs, dir, 1);
  const auth: KeyFileAuth = { epoch: 1, cipher: cipher.name, slots, ...wrapKeys(ring) };
  const keyFile: KeyFile = {
    format: 'starring-vault-keys',
    v: 1,
    vaultId,
    createdAt: now,
    auth,
    mac: keyFileMac(ring.macKey, vaultId, auth),
  };
  const genesis = genesisHash(vaultId);
  const head: HeadState = {
    v: 1,
    vaultId,
    counter: 1,
    commits: 0,
    keyEpoch: 1,
    keyAuthHash: keyAuthHash(vaultId, auth),
    cipher: cipher.name,
    snapshot: pointer,
    journals: [{ gen: 1, startHash: genesis, seq: 0, hash: genesis }],
  };
  await writeHead(fs, dir, ring.headKey, head);
  await writeKeyFile(fs, dir, keyFile);
  await fs.unlink(join(dir, CREATING_MARKER));
  await fs.syncDir(dir);
  const writer = await JournalWriter.open(fs, dir, 1, JOURNAL_HEADER_BYTES);
  return new VaultStore(deps, ring, keyFile, head, db, writer, 0, runCompaction);
}
