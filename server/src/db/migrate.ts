import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Driver } from './database';

/** `NNN_name.sql`: applied in NNN order, each once, each in its own transaction. */
const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface MigrationFile {
  version: number;
  name: string;
  path: string;
}

export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for (const file of await readdir(dir)) {
    const match = MIGRATION_FILE.exec(file);
    if (!match) continue;
    files.push({ version: Number(match[1]), name: match[2]!, path: join(dir, file) });
  }
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i += 1) {
    if (files[i]!.version === files[i - 1]!.version) {
      throw new Error(`two migrations share version ${files[i]!.version}: rename one`);
    }
  }
  return files;
}

/** Arbitrary constant: the advisory lock that serialises migrating server instances. */
const MIGRATION_LOCK = 7_300_401;

/** Applies every migration not yet in schema_migrations; returns how many it applied. */
export async function applyMigrations(driver: Driver, dir: string): Promise<number> {
  const files = await listMigrations(dir);
  await driver.transaction((tx) =>
    tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`),
  );
  let applied = 0;
  for (const file of files) {
    const sql = await readFile(file.path, 'utf8');
    const did = await driver.transaction(async (tx) => {
      // Several instances may start together against one PostgreSQL: one migrates, the rest wait
      // and then find the version recorded.
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [file.version]);
      if (done.rowCount > 0) return false;
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [
        file.version,
        file.name,
      ]);
      return true;
    });
    if (did) applied += 1;
  }
  return applied;
}
