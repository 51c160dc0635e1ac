import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileKeyProvider } from './file-key-provider';
import { CHEAP_SCRYPT, TEST_PASSPHRASE, createTestVault, doc, tempDir, testVault } from './test-support';
import { createVaultService, vaultInternals } from './vault.service';

describe('vault service lifecycle', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (d = await tempDir()));
  afterEach(async () => d.cleanup());

  it('reports absence, refuses a second create, and needs a non-keystore method', async () => {
    const v = testVault(d.path);
    expect(await v.exists()).toBe(false);
    await expect(v.unlock({ passphrase: 'x' })).rejects.toMatchObject({ code: 'VAULT_ABSENT' });
    await expect(v.create({ useOsKeystore: true })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await v.create({ passphrase: TEST_PASSPHRASE });
    expect(await v.exists()).toBe(true);
    await expect(testVault(d.path).create({ passphrase: 'y' })).rejects.toMatchObject({
      code: 'VAULT_EXISTS',
    });
    await v.lock();
  });

  it('lock() zeroes the key buffers and closes the database', async () => {
    const v = await createTestVault(d.path);
    await v.documents.save(doc('t', 'x', { subjectId: 's1' }));
    const store = vaultInternals(v)!;
    const keys = [
      store.ring.master,
      store.ring.headKey,
      store.ring.macKey,
      store.ring.namingKey,
      ...[...store.ring.dataKeys.values(), ...store.ring.subjectKeys.values()].map((k) => k.key),
    ];
    expect(keys.every((k) => k.some((b) => b !== 0))).toBe(true);
    await v.lock();
    expect(keys.every((k) => k.every((b) => b === 0))).toBe(true);
    expect(v.isUnlocked()).toBe(false);
    await expect(v.documents.list()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
    await expect(v.stats()).rejects.toMatchObject({ code: 'VAULT_LOCKED' });
  });

  it('unlocks through the OS keystore, refuses an insecure backend, keeps a second method', async () => {
    const keyProvider = createFileKeyProvider({ file: `${d.path}.keystore` });
    const v = createVaultService({ dir: d.path, scrypt: CHEAP_SCRYPT, keyProvider });
    await v.create({ passphrase: TEST_PASSPHRASE, useOsKeystore: true });
    await v.lock();
    await v.unlock({ method: 'os-keystore' });
    const methods = await v.listUnlockMethods();
    expect(methods.map((m) => m.kind).sort()).toEqual(['os-keystore', 'passphrase']);
    const pass = methods.find((m) => m.kind === 'passphrase')!;
    await expect(v.removeUnlockMethod(pass.id)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/last passphrase/),
    });
    await v.lock();

    const insecure = createVaultService({
      dir: d.path,
      scrypt: CHEAP_SCRYPT,
      keyProvider: createFileKeyProvider({
        file: `${d.path}.keystore`,
        backend: 'basic_text',
        secure: false,
      }),
    });
    await expect(insecure.unlock({ method: 'os-keystore' })).rejects.toMatchObject({
      code: 'UNLOCK_METHOD_UNAVAILABLE',
      message: expect.stringMatching(/basic_text/),
    });
    await insecure.unlock({ passphrase: TEST_PASSPHRASE });
    await expect(insecure.addUnlockMethod({ kind: 'os-keystore' })).rejects.toMatchObject({
      code: 'UNLOCK_METHOD_UNAVAILABLE',
    });
    await insecure.lock();
  });

  it('adds and removes methods and changes the passphrase', async () => {
    const v = await createTestVault(d.path);
    const second = await v.addUnlockMethod({ kind: 'passphrase', passphrase: 'second one' });
    await v.lock();
    await v.unlock({ passphrase: 'second one' });
    await v.removeUnlockMethod(second.id);
    await expect(v.removeUnlockMethod('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(v.changePassphrase({ current: 'wrong', next: 'new pass' })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await v.changePassphrase({ current: TEST_PASSPHRASE, next: 'new pass' });
    await v.lock();
    await expect(v.unlock({ passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await v.unlock({ passphrase: 'new pass' });
    expect(await v.verify()).toEqual([]);
    await v.lock();
  });

  it('exposes a head commitment that moves with every commit', async () => {
    const v = await createTestVault(d.path);
    const a = await v.headCommitment();
    await v.settings.set('x', 1);
    const b = await v.headCommitment();
    expect(b.commits).toBe(a.commits + 1);
    expect(b.chainHash).not.toBe(a.chainHash);
    await v.compact();
    const c = await v.headCommitment();
    expect(c.commits).toBeGreaterThanOrEqual(b.commits);
    expect(c.generation).toBe(b.generation + 1);
    await v.lock();
  });

  it('locking during a compaction abandons it safely', async () => {
    const v = await createTestVault(d.path);
    for (let i = 0; i < 40; i++) await v.documents.save(doc(`Doc ${i}`, `text ${i}`, { bytes: 3000 }));
    const running = v.compact().catch((e: unknown) => e);
    await v.lock();
    const outcome = await running;
    if (outcome !== undefined) expect(outcome).toMatchObject({ code: 'VAULT_LOCKED' });
    await v.unlock({ passphrase: TEST_PASSPHRASE });
    expect((await v.documents.list()).total).toBe(40);
    expect(await v.verify()).toEqual([]);
    await v.lock();
  });
});
