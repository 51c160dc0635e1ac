import { type Database, type Driver, type DriverTransaction, type Queryable, APP_ROLE } from './database';
import { applyMigrations } from './migrate';

/**
 * Statements that would step out of the tenant scope: switching role or session user back to the
 * owner, or rewriting app.tenant_id. Owner-level SQL belongs in a migration.
 */
const SCOPE_ESCAPE =
  /\b(reset|set)\s+(local\s+|session\s+)?(role|session\s+authorization|app\.tenant_id)\b|\bset_config\s*\(|\breset\s+all\b/i;

/** Only a plain query surface reaches the callback: no exec, and no statement that leaves the scope. */
function restrict(tx: DriverTransaction): Queryable {
  return {
    query(sql, params) {
      if (SCOPE_ESCAPE.test(sql)) {
        return Promise.reject(
          new Error('this statement would leave the tenant scope (role or app.tenant_id)'),
        );
      }
      return tx.query(sql, params);
    },
  };
}

/** Builds the tenant-scoped Database on any driver (PGlite or pg). */
export function createDatabase(driver: Driver, migrationsDir: string): Database {
  return {
    kind: driver.kind,
    withTenant(tenantId, fn) {
      if (tenantId.length === 0) return Promise.reject(new Error('withTenant needs a tenant id'));
      return driver.transaction(async (tx) => {
        // Both are transaction-local (is_local = true / SET LOCAL), so a pooled connection carries
        // neither the tenant nor the role into its next transaction.
        await tx.query(`select set_config('app.tenant_id', $1, true)`, [tenantId]);
        await tx.query(`set local role ${APP_ROLE}`);
        return fn(restrict(tx));
      });
    },
    withoutTenant(fn) {
      return driver.transaction(async (tx) => {
        await tx.query(`select set_config('app.tenant_id', '', true)`);
        await tx.query(`set local role ${APP_ROLE}`);
        return fn(restrict(tx));
      });
    },
    migrate: () => applyMigrations(driver, migrationsDir),
    close: () => driver.close(),
  };
}
