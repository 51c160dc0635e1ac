import { readFile, writeFile } from 'node:fs/promises';
import type { KeyProvider } from './key-provider';
import { aad, aesGcm, randomKey } from './vault-crypto';

/**
 * TEST DOUBLE of the OS keystore: keeps a random key in a plain file. It protects
 * nothing against anyone who can read that file, so it must never be wired into
 * the app; it lets tests and benchmarks exercise the keystore unlock path (and the
 * insecure-backend refusal, with `secure: false`) without Electron.
 */
export function createFileKeyProvider(options: {
  file: string;
  backend?: string;
  secure?: boolean;
}): KeyProvider {
  const backend = options.backend ?? 'test-file';
  let key: Buffer | undefined;
  const load = async (): Promise<Buffer> => {
    if (key) return key;
    try {
      key = await readFile(options.file);
    } catch {
      key = randomKey();
      await writeFile(options.file, key, { mode: 0o600 });
    }
    return key;
  };
  return {
    kind: 'os-keystore',
    backend: async () => backend,
    isSecure: async () => options.secure ?? true,
    encrypt: async (b) => aesGcm.seal(await load(), b, aad('test-keystore')),
    decrypt: async (b) => aesGcm.open(await load(), b, aad('test-keystore')),
  };
}
