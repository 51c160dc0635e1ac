import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestVault, doc, tempDir } from './test-support';
import type { VaultService } from './vault.service';

describe('document repo, settings, sync queue', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  let v: VaultService;
  beforeEach(async () => {
    d = await tempDir();
    v = await createTestVault(d.path);
  });
  afterEach(async () => {
    await v.lock();
    await d.cleanup();
  });

  it('versions every save and reads any version back', async () => {
    const { id, version } = await v.documents.save(
      doc('Discharge summary', 'patient stable', { bytes: 20_000 }),
    );
    expect(version).toBe(1);
    expect(await v.documents.save({ ...doc('Discharge summary v2', 'patient improving'), id })).toEqual({
      id,
      version: 2,
    });
    const cur = await v.documents.get(id);
    expect(cur).toMatchObject({
      id,
      title: 'Discharge summary v2',
      version: 2,
      classification: 'phi',
      templateId: 'soap-note',
    });
    expect(JSON.parse(cur.body).content[0].content[0].text).toBe('patient improving');
    expect((await v.documents.versions(id)).map((x) => [x.version, x.title])).toEqual([
      [1, 'Discharge summary'],
      [2, 'Discharge summary v2'],
    ]);
    const v1 = await v.documents.getVersion(id, 1);
    expect(v1.title).toBe('Discharge summary');
    expect(v1.body).toContain('patient stable');
    await expect(v.documents.getVersion(id, 3)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('searches title and body with FTS4, follows updates and deletes, pages results', async () => {
    const a = await v.documents.save(
      doc('Lockout procedure', 'isolate the hydraulic press before maintenance'),
    );
    const b = await v.documents.save(doc('QC inspection', 'tolerance within limits on the press brake'));
    await v.documents.save(doc('Lesson plan', 'photosynthesis for grade five'));
    expect((await v.documents.list({ query: 'press' })).total).toBe(2);
    expect((await v.documents.list({ query: 'hydraul' })).items.map((x) => x.id)).toEqual([a.id]);
    expect((await v.documents.list({ query: 'lockout' })).items.map((x) => x.id)).toEqual([a.id]);
    await v.documents.save({ ...doc('Lockout procedure', 'isolate the pneumatic line'), id: a.id });
    expect((await v.documents.list({ query: 'hydraulic' })).total).toBe(0);
    expect((await v.documents.list({ query: 'pneumatic' })).total).toBe(1);
    await v.documents.delete(b.id);
    expect((await v.documents.list({ query: 'press' })).total).toBe(0);
    await expect(v.documents.get(b.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const page = await v.documents.list({ limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.items).toHaveLength(1);
    expect((await v.documents.list({ query: '"); DROP TABLE documents; --' })).total).toBe(0);
  });

  it('rejects invalid input with INVALID_ARGUMENT', async () => {
    await expect(v.documents.save({ ...doc('x', 'y'), body: '{not json' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      v.documents.save({ ...doc('x', 'y'), classification: 'secret' as never }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const { id } = await v.documents.save(doc('x', 'y', { subjectId: 'p1' }));
    await expect(v.documents.save({ ...doc('x', 'y', { subjectId: 'p2' }), id })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('keeps settings and a FIFO sync queue', async () => {
    await v.settings.set('editor', { fontSize: 14, spell: true });
    expect(await v.settings.get('editor')).toEqual({ fontSize: 14, spell: true });
    expect(await v.settings.get('missing')).toBeUndefined();
    await v.settings.delete('editor');
    expect(await v.settings.get('editor')).toBeUndefined();
    const ids = [
      await v.syncQueue.enqueue('audit', { seq: 1 }),
      await v.syncQueue.enqueue('audit', { seq: 2 }),
      await v.syncQueue.enqueue('policy', null),
    ];
    expect((await v.syncQueue.peek(2)).map((i) => i.payload)).toEqual([{ seq: 1 }, { seq: 2 }]);
    await v.syncQueue.ack([ids[0]!, ids[1]!, 999]);
    expect((await v.syncQueue.peek(10)).map((i) => i.kind)).toEqual(['policy']);
  });

  it('persists everything across lock and unlock, and compaction', async () => {
    const { id } = await v.documents.save(doc('Contract review', 'indemnity clause'));
    await v.settings.set('k', 1);
    await v.compact();
    await v.documents.save({ ...doc('Contract review 2', 'limitation of liability'), id });
    await v.lock();
    await expect(v.documents.get(id)).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await v.unlock({ passphrase: 'correct horse battery staple' });
    expect((await v.documents.get(id)).version).toBe(2);
    expect(await v.settings.get('k')).toBe(1);
    expect((await v.documents.list({ query: 'liability' })).total).toBe(1);
    expect(await v.verify()).toEqual([]);
    const stats = await v.stats();
    expect(stats).toMatchObject({ documents: 1, versions: 2, settings: 1, snapshotGeneration: 2 });
    expect(stats.bytesOnDisk).toBeGreaterThan(0);
  });
});
