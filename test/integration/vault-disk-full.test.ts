import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFaultInjectingFileSystem, type FaultPoint } from '../../main/core/vault/fault-injecting-fs';
import { TEST_PASSPHRASE, doc, tempDir, testVault } from '../../main/core/vault/test-support';
import type { VaultService } from '../../main/core/vault/vault.service';
import { VaultError } from '../../main/core/vault/vault-errors';

/** Disk full, simulated by an injected file system that fails writes with ENOSPC. */
describe('vault: disk full', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  let fs: ReturnType<typeof createFaultInjectingFileSystem>;
  let v: VaultService;
  let background: VaultError[];
  let ids: string[];

  beforeEach(async () => {
    d = await tempDir('vault-full-');
    fs = createFaultInjectingFileSystem();
    background = [];
    v = testVault(d.path, { fs, onBackgroundError: (e) => background.push(e) });
    await v.create({ passphrase: TEST_PASSPHRASE });
    ids = [];
    for (let i = 0; i < 3; i++)
      ids.push((await v.documents.save(doc(`Earlier ${i}`, `earlier text ${i}`))).id);
    await v.settings.set('s', 'before');
  });
  afterEach(async () => {
    fs.disarm();
    await v.lock();
    await d.cleanup();
  });

  async function expectIntact(service: VaultService) {
    for (const [i, id] of ids.entries())
      expect((await service.documents.get(id)).body).toContain(`earlier text ${i}`);
    expect(await service.settings.get('s')).toBe('before');
  }

  async function reopenAndCheck(absentTitle: string) {
    await v.lock();
    const again = testVault(d.path);
    await again.unlock({ passphrase: TEST_PASSPHRASE });
    await expectIntact(again);
    expect((await again.documents.list({ limit: 100 })).items.map((x) => x.title)).not.toContain(absentTitle);
    expect(await again.verify()).toEqual([]);
    await again.lock();
    await v.unlock({ passphrase: TEST_PASSPHRASE });
  }

  const where: Array<[string, (p: FaultPoint) => boolean]> = [
    ['every write (the whole disk is full)', (p) => p.op === 'write' || p.op === 'open'],
    ['the blob write', (p) => p.op === 'write' && p.path.includes('/blobs/')],
    ['the journal append', (p) => p.op === 'write' && p.path.includes('journal-')],
    ['the journal fdatasync', (p) => p.op === 'sync' && p.path.includes('journal-')],
    ['the vault.head rewrite', (p) => p.op === 'write' && p.path.includes('vault.head')],
    ['the vault.head rename', (p) => p.op === 'rename' && p.path.endsWith('vault.head')],
  ];

  for (const [name, when] of where) {
    it(`a save failing at ${name} reports DISK_FULL, keeps earlier data, and the vault works afterwards`, async () => {
      fs.arm(when);
      const err = await v.documents
        .save(doc('Doomed', 'never stored', { bytes: 5000 }))
        .catch((e: unknown) => e);
      expect(fs.failures).toBeGreaterThan(0);
      expect(err).toBeInstanceOf(VaultError);
      expect(err).toMatchObject({
        code: 'DISK_FULL',
        message: expect.stringMatching(/disk is full.*not saved/s),
      });
      await expectIntact(v);
      expect((await v.documents.list()).items.map((x) => x.title)).not.toContain('Doomed');
      fs.disarm();
      const ok = await v.documents.save(doc('After', 'space was freed'));
      expect((await v.documents.get(ok.id)).title).toBe('After');
      await reopenAndCheck('Doomed');
    });
  }

  it('a settings write and an unlock-method change fail cleanly too', async () => {
    fs.arm((p) => p.op === 'write');
    await expect(v.settings.set('s', 'after')).rejects.toMatchObject({ code: 'DISK_FULL' });
    await expect(v.addUnlockMethod({ kind: 'passphrase', passphrase: 'other' })).rejects.toMatchObject({
      code: 'DISK_FULL',
      file: 'vault.keys',
    });
    fs.disarm();
    expect(await v.settings.get('s')).toBe('before');
    expect((await v.listUnlockMethods()).length).toBe(1);
    await reopenAndCheck('');
  });

  it('a compaction that runs out of space is abandoned; saves continue; nothing is lost', async () => {
    fs.arm((p) => p.op === 'write' && p.path.includes('snapshot-'));
    await expect(v.compact()).rejects.toMatchObject({ code: 'DISK_FULL' });
    fs.disarm();
    const later = await v.documents.save(doc('Later', 'after the failed compaction'));
    await v.compact();
    expect((await v.documents.get(later.id)).title).toBe('Later');
    await reopenAndCheck('Doomed');
    expect(background).toEqual([]);
  });
});
