import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toMatchExpression } from './fts-text';
import { decodeVector, encodeVector } from './search-index.repo';
import { createTestVault, doc, tempDir, TEST_PASSPHRASE, testVault } from './test-support';
import type { VaultService } from './vault.service';

describe('search index repo', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let vault: VaultService;
  beforeEach(async () => {
    dir = await tempDir('search-index-');
    vault = await createTestVault(dir.path);
  });
  afterEach(async () => {
    if (vault.isUnlocked()) await vault.lock();
    await dir.cleanup();
  });

  it('round-trips Float32 vectors through base64', () => {
    const v = Float32Array.from([0.5, -1.25, 3e-8, 0]);
    expect([...decodeVector(encodeVector(v))]).toEqual([...v]);
  });

  it('returns matchinfo with BM25 statistics and applies filters', async () => {
    await vault.documents.save(doc('Seal replacement', 'seal seal gasket'));
    await vault.documents.save({
      ...doc('Other', 'seal'),
      industry: 'manufacturing',
      classification: 'internal',
    });
    const hits = await vault.search.fullText(toMatchExpression('seal')!, {}, 10);
    expect(hits).toHaveLength(2);
    const [p, c, n] = hits[0]!.matchinfo;
    expect([p, c, n]).toEqual([1, 2, 2]);
    const filtered = await vault.search.fullText(
      toMatchExpression('seal')!,
      { industries: ['manufacturing'] },
      10,
    );
    expect(filtered.map((h) => h.summary.title)).toEqual(['Other']);
    expect(await vault.search.filteredNums({})).toBeUndefined();
    expect((await vault.search.filteredNums({ classifications: ['phi'] }))?.size).toBe(1);
  });

  it('keeps vectors across lock and reopen (journal replay), marks changed documents pending, drops vectors of shredded documents', async () => {
    const a = await vault.documents.save(doc('A', 'alpha', { subjectId: 'patient-1' }));
    const b = await vault.documents.save(doc('B', 'beta'));
    expect(await vault.search.countPendingVectors('m')).toBe(2);
    const pending = await vault.search.pendingVectors('m', 10);
    await vault.search.putVectors(
      'm',
      pending.map((p) => ({ num: p.num, version: p.version, vector: Float32Array.from([p.num, 1]) })),
    );
    expect(await vault.search.countPendingVectors('m')).toBe(0);
    expect(await vault.search.countPendingVectors('other-model')).toBe(2);

    await vault.lock();
    vault = testVault(dir.path);
    await vault.unlock({ passphrase: TEST_PASSPHRASE });
    expect(await vault.search.loadVectors('m')).toHaveLength(2);

    await vault.documents.save(doc('B', 'beta changed', { id: b.id }));
    expect((await vault.search.pendingVectors('m', 10)).map((p) => p.id)).toEqual([b.id]);
    expect(await vault.search.loadVectors('m')).toHaveLength(1); // B's old vector no longer counts

    await vault.shredSubject('patient-1');
    const left = await vault.search.loadVectors('m');
    expect(left).toHaveLength(0);
    expect(a.id).toBeDefined();
  });
});
