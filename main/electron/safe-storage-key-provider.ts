/**
 * Electron's safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/KWallet on Linux) behind
 * the vault's KeyProvider interface, so the vault never imports electron and the coming async
 * safeStorage API (the sync one is slated for removal) changes only this file.
 */

/**
 * An OS-keystore unlock method for the vault's master key.
 *
 * main/core/vault owns this interface (it is being written now); this is a structural copy so the
 * shell compiles on its own. When the vault lands, replace it with
 * `import type { KeyProvider } from '../core/vault/…'` — the shapes must stay identical.
 */
export interface KeyProvider {
  readonly kind: 'os-keystore';
  /** Which keystore backs it: 'dpapi', 'keychain', or Linux's selected backend ('gnome_libsecret', 'kwallet5', 'basic_text' …). */
  backend(): Promise<string>;
  /**
   * False when the bytes would not really be protected: encryption unavailable, or Linux fell
   * back to `basic_text` (a key hardcoded in Chromium). The vault then requires a passphrase.
   */
  isSecure(): Promise<boolean>;
  /** Wraps a secret (the master key). Refuses when `isSecure()` is false. */
  encrypt(plain: Buffer): Promise<Buffer>;
  /** Unwraps what `encrypt` produced. Throws when the keystore cannot (changed keyring, other user). */
  decrypt(wrapped: Buffer): Promise<Buffer>;
}

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
