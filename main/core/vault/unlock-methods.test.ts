import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFileKeyProvider } from './file-key-provider';
import { CHEAP_SCRYPT, tempDir } from './test-support';
import {
  checkScryptParams,
  createKeystoreSlot,
  createPassphraseSlot,
  createRecoverySlot,
  openKeystoreSlot,
  openPassphraseSlot,
  openRecoverySlot,
  privateKeyFingerprint,
} from './unlock-methods';
import { randomKey } from './vault-crypto';

describe('unlock methods', () => {
  const master = randomKey();

  it('passphrase: right opens, wrong returns undefined, slot is bound to its vault', async () => {
    const slot = await createPassphraseSlot('v1', master, 'pässword', CHEAP_SCRYPT, 1);
    expect(slot.kdf).toMatchObject({ name: 'scrypt', N: 1024, r: 8, p: 1 });
    expect((await openPassphraseSlot('v1', slot, 'pässword'))?.equals(master)).toBe(true);
    // NFC and NFD spellings of the same passphrase are the same passphrase.
    expect((await openPassphraseSlot('v1', slot, 'pa\u0308ssword'))?.equals(master)).toBe(true);
    expect(await openPassphraseSlot('v1', slot, 'password')).toBeUndefined();
    expect(await openPassphraseSlot('v2', slot, 'pässword')).toBeUndefined();
  });

  it('refuses absurd scrypt parameters from a tampered file', () => {
    expect(() => checkScryptParams({ N: 2 ** 30, r: 8, p: 1 })).toThrow(/out of range/);
    expect(() => checkScryptParams({ N: 1000, r: 8, p: 1 })).toThrow(/out of range/);
    expect(() => checkScryptParams({ N: 2 ** 17, r: 8, p: 1 })).not.toThrow();
  });

  it('keystore: works with a secure backend, refuses an insecure one with the reason', async () => {
    const d = await tempDir();
    try {
      const kp = createFileKeyProvider({ file: `${d.path}/k` });
      const slot = await createKeystoreSlot('v1', master, kp, 1);
      expect((await openKeystoreSlot('v1', slot, kp)).equals(master)).toBe(true);
      const basic = createFileKeyProvider({ file: `${d.path}/k`, backend: 'basic_text', secure: false });
      await expect(createKeystoreSlot('v1', master, basic, 1)).rejects.toMatchObject({
        code: 'UNLOCK_METHOD_UNAVAILABLE',
        message: expect.stringMatching(/basic_text.*passphrase/s),
      });
      await expect(openKeystoreSlot('v1', slot, basic)).rejects.toMatchObject({
        code: 'UNLOCK_METHOD_UNAVAILABLE',
      });
      const otherKeyring = createFileKeyProvider({ file: `${d.path}/other` });
      await expect(openKeystoreSlot('v1', slot, otherKeyring)).rejects.toMatchObject({
        code: 'UNLOCK_METHOD_UNAVAILABLE',
        message: expect.stringMatching(/passphrase/),
      });
    } finally {
      await d.cleanup();
    }
  });

  it('recovery: RSA-OAEP-SHA256 to the organisation key', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pub = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const priv = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const slot = createRecoverySlot('v1', master, pub, 1);
    expect(slot.keyFingerprint).toBe(privateKeyFingerprint(priv));
    expect(openRecoverySlot('v1', slot, priv)?.equals(master)).toBe(true);
    expect(openRecoverySlot('v2', slot, priv)).toBeUndefined();
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(openRecoverySlot('v1', slot, other)).toBeUndefined();
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString();
    expect(() => createRecoverySlot('v1', master, ec, 1)).toThrow(/RSA/);
  });
});
