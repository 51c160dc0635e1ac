import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileKeyProvider } from '../../main/core/vault/file-key-provider';
import { recoverVault } from '../../main/core/vault/recover-vault';
import { CHEAP_SCRYPT, TEST_PASSPHRASE, doc, tempDir } from '../../main/core/vault/test-support';
import { createVaultService } from '../../main/core/vault/vault.service';

function rsa() {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pub: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    priv: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

describe('vault: organisation recovery key', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  let org: ReturnType<typeof rsa>;
  beforeAll(async () => {
    d = await tempDir('vault-recovery-');
    org = rsa();
  });
  afterAll(async () => d.cleanup());

  it('lets IT re-wrap the master key under a new passphrase off-line, removing the departed user’s methods', async () => {
    const keyProvider = createFileKeyProvider({ file: `${d.path}.keystore` });
    // The policy's recovery key is added automatically at creation.
    const v = createVaultService({
      dir: d.path,
      scrypt: CHEAP_SCRYPT,
      keyProvider,
      recoveryPublicKeyPem: org.pub,
    });
    await v.create({ passphrase: TEST_PASSPHRASE, useOsKeystore: true });
    const { id } = await v.documents.save(
      doc('Handover notes', 'only the departed user knew the passphrase', { subjectId: 'p1' }),
    );
    expect((await v.listUnlockMethods()).map((m) => m.kind).sort()).toEqual([
      'os-keystore',
      'passphrase',
      'recovery',
    ]);
    await v.lock();

    await expect(
      recoverVault({ dir: d.path, privateKeyPem: rsa().priv, newPassphrase: 'x', scrypt: CHEAP_SCRYPT }),
    ).rejects.toMatchObject({ code: 'UNLOCK_METHOD_UNAVAILABLE' });
    const { slotId } = await recoverVault({
      dir: d.path,
      privateKeyPem: org.priv,
      newPassphrase: 'it department reset',
      scrypt: CHEAP_SCRYPT,
    });
    expect(slotId).toMatch(/^p-/);

    const after = createVaultService({ dir: d.path, scrypt: CHEAP_SCRYPT, keyProvider });
    await expect(after.unlock({ passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'WRONG_PASSPHRASE',
    });
    await expect(after.unlock({ method: 'os-keystore' })).rejects.toMatchObject({
      code: 'UNLOCK_METHOD_UNAVAILABLE',
    });
    await after.unlock({ passphrase: 'it department reset' });
    expect((await after.documents.get(id)).body).toContain('departed user');
    expect((await after.listUnlockMethods()).map((m) => m.kind).sort()).toEqual(['passphrase', 'recovery']);
    expect(await after.unlockStatus()).toEqual({ failures: 0, retryAfterMs: 0 });
    expect(await after.verify()).toEqual([]);
    await after.lock();
  });

  it('adds the policy recovery key to an existing vault at unlock', async () => {
    const other = await tempDir('vault-recovery2-');
    try {
      const plain = createVaultService({ dir: other.path, scrypt: CHEAP_SCRYPT });
      await plain.create({ passphrase: TEST_PASSPHRASE });
      await plain.lock();
      const withPolicy = createVaultService({
        dir: other.path,
        scrypt: CHEAP_SCRYPT,
        recoveryPublicKeyPem: org.pub,
      });
      await withPolicy.unlock({ passphrase: TEST_PASSPHRASE });
      expect((await withPolicy.listUnlockMethods()).some((m) => m.kind === 'recovery')).toBe(true);
      await withPolicy.lock();
      await recoverVault({
        dir: other.path,
        privateKeyPem: org.priv,
        newPassphrase: 'recovered',
        scrypt: CHEAP_SCRYPT,
      });
      await plain.unlock({ passphrase: 'recovered' });
      await plain.lock();
    } finally {
      await other.cleanup();
    }
  });
});
