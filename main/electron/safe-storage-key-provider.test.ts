import { describe, expect, it } from 'vitest';
import {
  createSafeStorageKeyProvider,
  OsKeystoreUnavailableError,
  type SafeStorageLike,
} from './safe-storage-key-provider';

/** A stand-in for safeStorage: "encrypts" by reversing bytes, so a round trip is observable. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike & { calls: number } {
  return {
    calls: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      this.calls += 1;
      return Buffer.from(plain, 'utf8').reverse();
    },
    decryptString(encrypted) {
      return Buffer.from(encrypted).reverse().toString('utf8');
    },
  };
}

describe('safeStorage key provider', () => {
  it('round-trips arbitrary bytes through the OS keystore', async () => {
    const keys = createSafeStorageKeyProvider({
      safeStorage: fakeSafeStorage('gnome_libsecret'),
      platform: 'linux',
    });
    const secret = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const wrapped = await keys.encrypt(secret);
    expect(wrapped.equals(secret)).toBe(false);
    expect((await keys.decrypt(wrapped)).equals(secret)).toBe(true);
    expect(keys.kind).toBe('os-keystore');
    expect(await keys.backend()).toBe('gnome_libsecret');
    expect(await keys.isSecure()).toBe(true);
  });

  it('names the Windows and macOS keystores', async () => {
    const win = createSafeStorageKeyProvider({ safeStorage: fakeSafeStorage('unknown'), platform: 'win32' });
    const mac = createSafeStorageKeyProvider({ safeStorage: fakeSafeStorage('unknown'), platform: 'darwin' });
    expect([await win.backend(), await win.isSecure()]).toEqual(['dpapi', true]);
    expect([await mac.backend(), await mac.isSecure()]).toEqual(['keychain', true]);
  });

  it.each([
    ['Linux basic_text (hardcoded key)', 'linux', 'basic_text', true],
    ['Linux before ready (unknown)', 'linux', 'unknown', true],
    ['encryption unavailable', 'win32', 'unknown', false],
  ] as const)(
    'is not secure and refuses to wrap or unwrap: %s',
    async (_name, platform, backend, available) => {
      const storage = fakeSafeStorage(backend, available);
      const keys = createSafeStorageKeyProvider({ safeStorage: storage, platform });
      expect(await keys.isSecure()).toBe(false);
      await expect(keys.encrypt(Buffer.from('key'))).rejects.toBeInstanceOf(OsKeystoreUnavailableError);
      await expect(keys.decrypt(Buffer.from('yek'))).rejects.toBeInstanceOf(OsKeystoreUnavailableError);
      expect(storage.calls).toBe(0);
    },
  );

  it('explains basic_text in words a user can act on', async () => {
    const keys = createSafeStorageKeyProvider({
      safeStorage: fakeSafeStorage('basic_text'),
      platform: 'linux',
    });
    await expect(keys.encrypt(Buffer.from('k'))).rejects.toThrow(/passphrase/);
  });
});
