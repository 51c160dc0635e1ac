/** An in-memory (or on-disk) migrated server database with tenants, for the ingestion tests and bench. */
import type { Database } from '../db/database';
import { openDatabase } from '../db/open-database';

/** Opens PGlite (memory, or `dir`) or DATABASE_URL when given, and creates the named tenants. */
export async function openTestDatabase(
  tenants: readonly string[],
  options: { pgliteDir?: string; databaseUrl?: string } = {},
): Promise<Database> {
  const db = await openDatabase(options);
  for (const tenant of tenants) {
    await db.withoutTenant((q) =>
      q.query(
        `insert into tenants (id, name, ca_cert_pem) values ($1, $1, '-----BEGIN CERTIFICATE-----') on conflict do nothing`,
        [tenant],
      ),
    );
  }
  return db;
}
