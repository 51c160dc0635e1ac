import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';
import { createFaultInjectingFileSystem } from './fault-injecting-fs';
import { tempDir } from './test-support';

describe('atomic write', () => {
  let d: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (d = await tempDir()));
  afterEach(async () => d.cleanup());

  it('replaces the file, and on failure keeps the old content and leaves no temp file', async () => {
    const fs = createFaultInjectingFileSystem();
    const p = join(d.path, 'f');
    await writeFile(p, 'old');
    await writeFileAtomic(fs, p, async (fh) => {
      await fh.write(Buffer.from('ne'), 0, 2, 0);
      await fh.write(Buffer.from('w'), 0, 1, 2);
    });
    expect(await readFile(p, 'utf8')).toBe('new');
    for (const op of ['write', 'sync', 'rename'] as const) {
      fs.arm((f) => f.op === op);
      await expect(writeFileAtomic(fs, p, Buffer.from('newer'))).rejects.toMatchObject({ code: 'ENOSPC' });
      fs.disarm();
      expect(await readFile(p, 'utf8')).toBe('new');
      expect(await readdir(d.path)).toEqual(['f']);
    }
  });
});
