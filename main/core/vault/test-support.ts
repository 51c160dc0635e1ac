/**
 * TEST SUPPORT (used by unit and integration tests, never by the app): temp
 * folders, cheap scrypt parameters and a factory for a vault under test.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ScryptParams } from './unlock-methods';
import { createVaultService, type VaultService, type VaultServiceOptions } from './vault.service';

/** 2^10 instead of 2^17: the tests exercise the logic, not the cost. */
export const CHEAP_SCRYPT: ScryptParams = { N: 1024, r: 8, p: 1 };
export const TEST_PASSPHRASE = 'correct horse battery staple';

export async function tempDir(prefix = 'vault-'): Promise<{ path: string; cleanup(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  // `${path}.keystore` is where tests put a file-based keystore double, beside the vault.
  return {
    path,
    cleanup: async () => {
      await rm(path, { recursive: true, force: true });
      await rm(`${path}.keystore`, { force: true });
    },
  };
}

export function testVault(dir: string, extra: Partial<VaultServiceOptions> = {}): VaultService {
  return createVaultService({ dir, scrypt: CHEAP_SCRYPT, ...extra });
}

export async function createTestVault(
  dir: string,
  extra: Partial<VaultServiceOptions> = {},
): Promise<VaultService> {
  const v = testVault(dir, extra);
  await v.create({ passphrase: TEST_PASSPHRASE });
  return v;
}

/** A small TipTap-like JSON body carrying `text`, padded to about `bytes`. */
export function body(text: string, bytes = 0): string {
  const pad = bytes > text.length ? ' lorem ipsum dolor'.repeat(Math.ceil((bytes - text.length) / 18)) : '';
  return JSON.stringify({
    type: 'doc',
    content: [{ type: 'paragraph', content: [{ type: 'text', text: text + pad }] }],
  });
}

export function doc(
  title: string,
  text: string,
  extra: { id?: string; subjectId?: string; bytes?: number } = {},
) {
  return {
    ...(extra.id ? { id: extra.id } : {}),
    ...(extra.subjectId ? { subjectId: extra.subjectId } : {}),
    title,
    templateId: 'soap-note',
    industry: 'healthcare',
    classification: 'phi' as const,
    body: body(text, extra.bytes ?? 0),
  };
}

/** Every file under `dir` (relative paths, forward slashes), sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const name of await readdir(d)) {
      const p = join(d, name);
      if ((await stat(p)).isDirectory()) await walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/** Map of relative path → file bytes, for before/after comparisons. */
export async function snapshotFiles(dir: string): Promise<Map<string, Buffer>> {
  const m = new Map<string, Buffer>();
  for (const f of await listFiles(dir)) m.set(f, await readFile(join(dir, f)));
  return m;
}
