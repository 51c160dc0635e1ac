import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lockDataDir } from './data-dir-lock';
import type { Database } from './database';
import { createDatabase } from './database-core';
import { openPgDriver } from './pg-driver';
import { openPgliteDriver } from './pglite-driver';

/** server/migrations, found from this file so the CLI works from any working directory. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; when absent, embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite's folder; absent (with no databaseUrl) means in memory, for tests. */
  pgliteDir?: string;
}

/** Opens and migrates the database. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let db: Database;
  if (options.databaseUrl) {
    db = createDatabase(openPgDriver(options.databaseUrl), MIGRATIONS_DIR);
  } else if (options.pgliteDir) {
    await mkdir(options.pgliteDir, { recursive: true });
    const release = await lockDataDir(options.pgliteDir);
    try {
      const driver = await openPgliteDriver(options.pgliteDir);
      db = createDatabase({ ...driver, close: () => driver.close().finally(release) }, MIGRATIONS_DIR);
    } catch (error) {
      await release();
      throw error;
    }
  } else {
    db = createDatabase(await openPgliteDriver(), MIGRATIONS_DIR);
  }
  try {
    await db.migrate();
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
