/**
 * Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/KWallet on Linux) behind
 * the vault's KeyProvider interface, so the vault never imports electron and the coming async
 * safeStorage API (the sync one is slated for removal) changes only this file.
 */

import type { KeyProvider } from '../core/vault';

export type { KeyProvider };

/** The slice of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend(): string;
}

/** Thrown instead of ever wrapping a key with a keystore that protects nothing. */
export class OsKeystoreUnavailableError extends Error {
  constructor(backend: string) {
    super(
      backend === 'basic_text'
        ? 'No OS keyring is available (Electron fell back to basic_text, a fixed key). Use a passphrase to protect the vault.'
        : `The OS keystore (${backend}) is not available. Use a passphrase to protect the vault.`,
    );
    this.name = 'OsKeystoreUnavailableError';
  }
}

export function createSafeStorageKeyProvider(deps: {
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
}): KeyProvider {
  const { safeStorage, platform } = deps;

  function backendName(): string {
    if (platform === 'win32') return 'dpapi';
    if (platform === 'darwin') return 'keychain';
    return safeStorage.getSelectedStorageBackend();
  }

  function secure(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform === 'win32' || platform === 'darwin') return true;
    // 'unknown' means asked before app ready: not known to be safe, so not safe.
    const backend = safeStorage.getSelectedStorageBackend();
    return backend !== 'basic_text' && backend !== 'unknown';
  }

  function requireSecure(): void {
    if (!secure()) throw new OsKeystoreUnavailableError(backendName());
  }

  return {
    kind: 'os-keystore',
    backend: async () => backendName(),
    isSecure: async () => secure(),
    async encrypt(plain) {
      requireSecure();
      // safeStorage takes a string; base64 keeps arbitrary bytes intact through it.
      return safeStorage.encryptString(plain.toString('base64'));
    },
    async decrypt(wrapped) {
      requireSecure();
      return Buffer.from(safeStorage.decryptString(wrapped), 'base64');
    },
  };
}
