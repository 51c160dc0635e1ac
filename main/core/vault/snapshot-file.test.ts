import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSystem } from './file-system';
import { readSnapshot, snapshotFileName, writeSnapshot, SNAPSHOT_CHUNK_BYTES } from './snapshot-file';
import { tempDir } from './test-support';
import { aesGcm, randomKey } from './vault-crypto';

describe('snapshot file', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (d = await tempDir()));
  afterEach(async () => d.cleanup());
  const key = { id: 'd-1', key: randomKey() };
  const fs = createFileSystem();

  it('round-trips a multi-chunk image and detects a flipped byte in any chunk or the header', async () => {
    const plain = randomBytes(2 * SNAPSHOT_CHUNK_BYTES + 12345);
    const pointer = await writeSnapshot({
      fs,
      dir: d.path,
      cipher: aesGcm,
      key,
      vaultId: 'v',
      gen: 2,
      plain,
    });
    expect(pointer.chunks).toBe(3);
    const opts = { fs, dir: d.path, cipher: aesGcm, vaultId: 'v', pointer, keyFor: () => key.key };
    expect((await readSnapshot(opts)).equals(plain)).toBe(true);
    const file = join(d.path, snapshotFileName(2));
    const bytes = await readFile(file);
    for (const at of [3, 40, SNAPSHOT_CHUNK_BYTES + 100, bytes.length - 1]) {
      const copy = Buffer.from(bytes);
      copy[at]! ^= 0x80;
      await writeFile(file, copy);
      await expect(readSnapshot(opts)).rejects.toMatchObject({
        code: 'STORE_CORRUPT',
        file: snapshotFileName(2),
      });
    }
    await writeFile(file, bytes.subarray(0, bytes.length - 100));
    await expect(readSnapshot(opts)).rejects.toMatchObject({
      code: 'STORE_CORRUPT',
      message: expect.stringMatching(/size/),
    });
  });
});
