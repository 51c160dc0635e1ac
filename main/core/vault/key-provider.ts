/**
 * The OS keystore as the vault sees it. Electron's safeStorage implements it in
 * main/electron (DPAPI, Keychain, libsecret/kwallet); tests use the file-based
 * double in file-key-provider.ts. Async because Electron is moving safeStorage
 * to an async API.
 */
export interface KeyProvider {
  readonly kind: 'os-keystore';
  /** Backend name, e.g. 'dpapi', 'keychain', 'gnome_libsecret', 'kwallet5', 'basic_text'. */
  backend(): Promise<string>;
  /**
   * False when the backend protects nothing (Linux 'basic_text' uses a key
   * hard-coded in Chromium): the vault then refuses this method and asks for a passphrase.
   */
  isSecure(): Promise<boolean>;
  encrypt(plaintext: Buffer): Promise<Buffer>;
  decrypt(ciphertext: Buffer): Promise<Buffer>;
}
