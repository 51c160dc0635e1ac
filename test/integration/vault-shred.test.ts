import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobFileName } from '../../main/core/vault/blob-store';
import { readKeyFile } from '../../main/core/vault/key-file';
import { subjectRef } from '../../main/core/vault/key-hierarchy';
import { createFileSystem } from '../../main/core/vault/file-system';
import { readSnapshot } from '../../main/core/vault/snapshot-file';
import { readJournalBytes } from '../../main/core/vault/journal';
import {
  TEST_PASSPHRASE,
  createTestVault,
  doc,
  listFiles,
  tempDir,
  testVault,
} from '../../main/core/vault/test-support';
import { type VaultService, vaultInternals } from '../../main/core/vault/vault.service';

const MARKER = 'zyxwoolsorterspneumo';

/** Every byte the vault holds in its snapshot and journals, decrypted (test-only view). */
async function decryptedStore(v: VaultService): Promise<Buffer> {
  const s = vaultInternals(v)!;
  const fs = createFileSystem();
  const image = await readSnapshot({
    fs,
    dir: s.deps.dir,
    cipher: s.deps.cipher,
    vaultId: s.ring.vaultId,
    pointer: s.head.snapshot,
    keyFor: (id) => s.ring.dataKeys.get(id)?.key,
  });
  const journals = await Promise.all(s.head.journals.map((j) => readJournalBytes(fs, s.deps.dir, j.gen)));
  return Buffer.concat([image, ...journals]);
}

describe('vault: crypto-shredding a data subject', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  let v: VaultService;
  beforeEach(async () => {
    d = await tempDir('vault-shred-');
    v = await createTestVault(d.path);
  });
  afterEach(async () => {
    await v.lock();
    await d.cleanup();
  });

  it('makes the subject unreadable, and the shred survives compaction, reopen and restored blob copies', async () => {
    const a = await v.documents.save(
      doc(`Discharge ${MARKER}`, `diagnosis ${MARKER} confirmed`, { subjectId: 'patient-42', bytes: 4000 }),
    );
    await v.documents.save({
      ...doc(`Discharge ${MARKER} v2`, `diagnosis ${MARKER} revised`, { subjectId: 'patient-42' }),
      id: a.id,
    });
    const b = await v.documents.save(doc('Lab results', `potassium ${MARKER}`, { subjectId: 'patient-42' }));
    const other = await v.documents.save(
      doc('Other patient', 'unrelated but searchable', { subjectId: 'patient-7' }),
    );
    const plain = await v.documents.save(doc('Policy', 'no subject'));
    await v.compact(); // the subject's text is now in a snapshot too, not only the journal
    expect((await v.documents.list({ query: MARKER })).total).toBe(2);

    // Keep copies of the subject's blobs, as a backup would.
    const s = vaultInternals(v)!;
    const blobIds = s.db
      .all<{ blob_id: string }>(
        "SELECT blob_id FROM versions v JOIN documents d ON d.num = v.doc_num WHERE d.subject_id = 'patient-42'",
      )
      .map((r) => r.blob_id);
    expect(blobIds).toHaveLength(3);
    const copies = new Map<string, Buffer>();
    for (const id of blobIds) copies.set(id, await readFile(join(d.path, blobFileName(id))));
    expect((await decryptedStore(v)).includes(Buffer.from(MARKER))).toBe(true);

    expect(await v.shredSubject('patient-42')).toEqual({ documents: 2, blobs: 3 });

    await expect(v.documents.get(a.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/crypto-shredded/),
    });
    await expect(v.documents.get(b.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await v.documents.list({ query: MARKER })).total).toBe(0);
    expect((await v.documents.get(other.id)).title).toBe('Other patient');
    expect((await v.documents.get(plain.id)).title).toBe('Policy');
    expect((await v.documents.list({ query: 'unrelated' })).total).toBe(1);
    // The key is gone from the key file, the blob files are gone, and no text survives in snapshot or journal.
    const kf = await readKeyFile(createFileSystem(), d.path);
    expect(kf!.auth.subjectKeys).toHaveLength(1); // patient-7's
    expect(await readFile(join(d.path, 'vault.keys'), 'utf8')).not.toMatch(/patient-/);
    for (const id of blobIds) expect(await listFiles(d.path)).not.toContain(blobFileName(id));
    expect((await decryptedStore(v)).includes(Buffer.from(MARKER))).toBe(false);

    // More writes, more compactions, a reopen: the shred holds.
    await v.documents.save(doc('Later', 'after the shred'));
    await v.compact();
    await v.lock();
    await v.unlock({ passphrase: TEST_PASSPHRASE });
    await expect(v.documents.get(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(vaultInternals(v)!.ring.subjectKeys.size).toBe(1);
    expect((await decryptedStore(v)).includes(Buffer.from(MARKER))).toBe(false);

    // A restored copy of a shredded blob cannot be decrypted by anyone holding this vault's keys.
    const [firstId, firstBytes] = [...copies][0]!;
    await writeFile(join(d.path, blobFileName(firstId)), firstBytes);
    await expect(vaultInternals(v)!.blobs.get(firstId, 'subject:patient-42')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/destroyed/),
    });
    expect(await v.verify()).toEqual([]);
  });

  it('a shred interrupted before its key was destroyed is finished at the next unlock', async () => {
    const a = await v.documents.save(doc('Note', 'subject data', { subjectId: 'p-9' }));
    // Simulate a crash after step 1: run only the journaled part.
    const s = vaultInternals(v)!;
    await s.exclusive(() =>
      s.commit([
        ['INSERT INTO shred_jobs (subject_ref, requested_at) VALUES (?, ?)', [subjectRef(s.ring, 'p-9'), 1]],
      ]),
    );
    await v.lock();
    expect((await readKeyFile(createFileSystem(), d.path))!.auth.subjectKeys).toHaveLength(1);
    const again = testVault(d.path);
    await again.unlock({ passphrase: TEST_PASSPHRASE });
    expect((await readKeyFile(createFileSystem(), d.path))!.auth.subjectKeys).toHaveLength(0);
    await expect(again.documents.get(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await again.lock();
  });
});
