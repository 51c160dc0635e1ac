import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMasterKey } from './master-key';
import { createSealer } from './sealed';

describe('server master key and sealed secrets', () => {
  it('creates the key file 0600 once and reads the same key back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-master-'));
    try {
      const path = join(dir, 'server-master.key');
      const first = await loadMasterKey(path, undefined);
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await loadMasterKey(path, undefined)).toEqual(first);
      expect(Buffer.from((await readFile(path, 'utf8')).trim(), 'base64')).toEqual(first);
      const fromEnv = Buffer.alloc(32, 7);
      expect(await loadMasterKey(path, fromEnv.toString('base64'))).toEqual(fromEnv);
      await expect(loadMasterKey(path, 'c2hvcnQ=')).rejects.toThrow(/32 bytes/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('seals with AES-256-GCM bound to the purpose', () => {
    const sealer = createSealer(Buffer.alloc(32, 1));
    const sealed = sealer.seal('-----BEGIN PRIVATE KEY-----', 'tenant:acme:ca');
    expect(sealed).not.toContain('PRIVATE');
    expect(sealer.open(sealed, 'tenant:acme:ca')).toBe('-----BEGIN PRIVATE KEY-----');
    expect(() => sealer.open(sealed, 'tenant:globex:ca')).toThrow();
    expect(() => createSealer(Buffer.alloc(32, 2)).open(sealed, 'tenant:acme:ca')).toThrow();
  });
});
