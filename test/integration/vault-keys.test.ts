import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blobFileName } from '../../main/core/vault/blob-store';
import { TEST_PASSPHRASE, createTestVault, doc, tempDir } from '../../main/core/vault/test-support';
import { type VaultService, vaultInternals } from '../../main/core/vault/vault.service';

function keyIdOf(blob: Buffer): string {
  return blob.toString('utf8', 9, 9 + blob.readUInt8(8));
}

describe('vault: key rotation and full re-encryption', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  let v: VaultService;
  beforeEach(async () => {
    d = await tempDir('vault-keys-');
    v = await createTestVault(d.path);
  });
  afterEach(async () => {
    await v.lock();
    await d.cleanup();
  });

  it('rotation: new writes use the new data key, old data stays readable without re-encryption', async () => {
    const old = await v.documents.save(doc('Before rotation', 'sealed with the first key'));
    const s = vaultInternals(v)!;
    const oldBlob = s.db.get<{ blob_id: string }>('SELECT blob_id FROM versions')!.blob_id;
    const before = await readFile(join(d.path, blobFileName(oldBlob)));
    const { keyId } = await v.rotateDataKey();
    const fresh = await v.documents.save(doc('After rotation', 'sealed with the second key'));
    const freshBlob = s.db.get<{ blob_id: string }>(
      'SELECT blob_id FROM versions ORDER BY created_at DESC, doc_num DESC',
    )!.blob_id;
    expect(keyIdOf(await readFile(join(d.path, blobFileName(freshBlob))))).toBe(keyId);
    expect((await readFile(join(d.path, blobFileName(oldBlob)))).equals(before)).toBe(true);
    await v.lock();
    await v.unlock({ passphrase: TEST_PASSPHRASE });
    expect((await v.documents.get(old.id)).title).toBe('Before rotation');
    expect((await v.documents.get(fresh.id)).title).toBe('After rotation');
    expect((await v.stats()).dataKeys).toBe(2);
  });

  it('re-encrypt-everything re-seals every blob, snapshot and journal under fresh keys, reports progress, destroys old keys', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push(
        (await v.documents.save(doc(`Doc ${i}`, `content ${i}`, i % 3 === 0 ? { subjectId: `p${i}` } : {})))
          .id,
      );
    await v.documents.save({ ...doc('Doc 0 v2', 'content 0 revised', { subjectId: 'p0' }), id: ids[0]! });
    const s = vaultInternals(v)!;
    const oldKeys = new Set([...s.ring.dataKeys.keys(), ...s.ring.subjectKeys.keys()]);
    const progress: Array<[number, number]> = [];
    const result = await v.reencryptAll({ onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toEqual({ blobs: 13, failures: [] });
    expect(progress[0]).toEqual([0, 14]);
    expect(progress.at(-1)).toEqual([14, 14]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]![0]).toBeGreaterThanOrEqual(progress[i - 1]![0]);

    const s2 = vaultInternals(v)!;
    const newKeys = [...s2.ring.dataKeys.keys(), ...s2.ring.subjectKeys.keys()];
    expect(newKeys.some((k) => oldKeys.has(k))).toBe(false);
    for (const { blob_id } of s2.db.all<{ blob_id: string }>('SELECT blob_id FROM versions')) {
      expect(newKeys).toContain(keyIdOf(await readFile(join(d.path, blobFileName(blob_id)))));
    }
    expect(newKeys).toContain(s2.head.snapshot.keyId);

    await v.lock();
    await v.unlock({ passphrase: TEST_PASSPHRASE });
    for (const [i, id] of ids.entries())
      expect((await v.documents.get(id)).body).toContain(i === 0 ? 'content 0 revised' : `content ${i}`);
    expect(await v.verify()).toEqual([]);
  });
});
