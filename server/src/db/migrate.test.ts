import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listMigrations } from './migrate';
import { MIGRATIONS_DIR } from './open-database';

describe('migration files', () => {
  it('are ordered by number and ignore other files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'starring-mig-'));
    try {
      for (const name of ['010_later.sql', '002_audit.sql', '001_foundation.sql', 'README.md', '3_bad.sql']) {
        await writeFile(join(dir, name), '');
      }
      expect((await listMigrations(dir)).map((m) => m.version)).toEqual([1, 2, 10]);
      await writeFile(join(dir, '002_other.sql'), '');
      await expect(listMigrations(dir)).rejects.toThrow(/share version 2/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the repository's migrations start with the foundation and have unique numbers", async () => {
    const files = await listMigrations(MIGRATIONS_DIR);
    expect(files[0]).toMatchObject({ version: 1, name: 'foundation' });
  });
});
