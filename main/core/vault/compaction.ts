import { join } from 'node:path';
import { failedAfterRename } from './atomic-write';
import type { HeadState } from './head-file';
import { JOURNAL_HEADER_BYTES, JournalWriter, createJournal, journalFileName } from './journal';
import { currentKey } from './key-hierarchy';
import { snapshotFileName, writeSnapshot } from './snapshot-file';
import { VaultError } from './vault-errors';
import { lockedError, type CompactOptions, type VaultStore } from './vault-store';

/**
 * Rewrites the snapshot so the journal can start over. Crash-safe by ordering:
 *
 * 1. (holding the mutex, brief) export the database image, create an empty
 *    journal G+1, and record it in vault.head; new writes now go to G+1, while
 *    the old snapshot plus journals ≤ G remain the authoritative past.
 * 2. seal the image as snapshot G+1 into a temporary file in ~1 MiB steps, each
 *    taking the mutex briefly, so saves alternate with it (a save waits for at
 *    most one step); fsync; rename; fsync folder.
 * 3. (mutex, brief) point vault.head at snapshot G+1 and drop journals ≤ G from it.
 * 4. delete the old snapshot and journals.
 *
 * A crash before 3 leaves a head that still names the old files (the new snapshot
 * is an unreferenced file deleted at the next open); after 3 the old files are
 * the unreferenced ones. The export in step 1 is the one longer pause for saves:
 * a memory copy of the database (about 1 ms per MB).
 */
export async function runCompaction(store: VaultStore, options: CompactOptions): Promise<void> {
  const { fs, dir, cipher } = store.deps;

  const prepared = await store.exclusive(async () => {
    await collectGarbage(store);
    if (options.optimizeFts) store.db.runUnjournaled(`INSERT INTO fts (fts) VALUES ('optimize')`);
    const image = store.db.export();
    const last = store.head.journals[store.head.journals.length - 1]!;
    const gen = last.gen + 1;
    let writer: JournalWriter;
    try {
      await createJournal(fs, dir, gen);
      writer = await JournalWriter.open(fs, dir, gen, JOURNAL_HEADER_BYTES);
    } catch (err) {
      image.fill(0);
      throw err;
    }
    const next: HeadState = {
      ...store.head,
      counter: store.head.counter + 1,
      journals: [...store.head.journals, { gen, startHash: last.hash, seq: 0, hash: last.hash }],
    };
    try {
      await store.writeHeadState(next);
    } catch (err) {
      image.fill(0);
      await writer.close();
      await fs.unlink(join(dir, journalFileName(gen))).catch(() => undefined);
      throw err;
    }
    const old = store.writer;
    store.olderJournalBytes += old.bytes;
    store.writer = writer;
    await old.close();
    return { image, gen };
  });

  let pointer;
  try {
    const key = currentKey(store.ring, 'data');
    if (!key) throw new VaultError('STORE_CORRUPT', 'No current data key.');
    pointer = await writeSnapshot({
      fs,
      dir,
      cipher,
      key: { id: key.id, key: key.key },
      vaultId: store.ring.vaultId,
      gen: prepared.gen,
      plain: prepared.image,
      step: (fn) => store.exclusive(fn),
    });
  } catch (err) {
    if (store.closed) throw lockedError();
    throw err;
  } finally {
    prepared.image.fill(0);
  }

  const obsolete = await store.exclusive(async () => {
    const before = store.head;
    const next: HeadState = {
      ...before,
      counter: before.counter + 1,
      snapshot: pointer,
      journals: before.journals.filter((j) => j.gen >= prepared.gen),
    };
    try {
      await store.writeHeadState(next);
    } catch (err) {
      if (!failedAfterRename(err)) {
        await fs.unlink(join(dir, snapshotFileName(prepared.gen))).catch(() => undefined);
      }
      throw err;
    }
    store.olderJournalBytes = 0;
    for (const j of next.journals.slice(0, -1))
      store.olderJournalBytes += (await fs.size(join(dir, journalFileName(j.gen)))) ?? 0;
    return [
      snapshotFileName(before.snapshot.gen),
      ...before.journals.filter((j) => j.gen < prepared.gen).map((j) => journalFileName(j.gen)),
    ];
  });

  for (const name of obsolete) await fs.unlink(join(dir, name)).catch(() => undefined);
  await fs.syncDir(dir).catch(() => undefined);
}

/**
 * Deletes blob files that lost their last reference (deleted documents, shredded
 * subjects). Runs inside the mutex so no save can be re-referencing the same
 * content address at the same moment. The journaled DELETE comes after the
 * unlinks: a crash in between only means unlinking an absent file next time.
 */
async function collectGarbage(store: VaultStore): Promise<void> {
  const candidates = store.db.all<{ blob_id: string; refs: number }>(
    `SELECT g.blob_id AS blob_id, (SELECT count(*) FROM versions v WHERE v.blob_id = g.blob_id) AS refs FROM blob_gc g`,
  );
  if (candidates.length === 0) return;
  for (const c of candidates) if (c.refs === 0) await store.blobs.remove(c.blob_id);
  await store.commit([['DELETE FROM blob_gc', []]]);
}
