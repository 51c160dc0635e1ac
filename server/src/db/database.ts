/**
 * The one database interface of the server, over embedded PGlite or a real PostgreSQL.
 *
 * Tenancy is enforced by PostgreSQL itself: every tenant table has row-level security keyed by the
 * transaction-local setting `app.tenant_id`, and every transaction below runs as the role
 * `starring_app` (no BYPASSRLS, not the owner), so a handler that forgets a WHERE still sees only its
 * own tenant. Nothing in the server runs as the owner except the migrations.
 */

/** What a transaction callback may do: parameterised queries only. */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<QueryResult<Row>>;
}

export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export type DatabaseKind = 'pglite' | 'postgres';

/** The role every application transaction switches to (created by migration 001). */
export const APP_ROLE = 'starring_app';

export interface Database {
  readonly kind: DatabaseKind;
  /**
   * Runs `fn` in one transaction as `starring_app` with `app.tenant_id` set to `tenantId`; the RLS
   * policies then show and accept only that tenant's rows. Commits when `fn` resolves.
   */
  withTenant<T>(tenantId: string, fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in one transaction as `starring_app` with no tenant set: the tenant tables look empty
   * and refuse writes. For the few installation-wide tables (tenants, operator tokens, server TLS).
   */
  withoutTenant<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Applies pending migrations as the connecting (owner) role. Called once by openDatabase. */
  migrate(): Promise<number>;
  close(): Promise<void>;
}

/** The raw transaction a driver offers; database-core builds the tenant rules on top of it. */
export interface DriverTransaction extends Queryable {
  /** Several statements in one string, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Driver {
  readonly kind: DatabaseKind;
  transaction<T>(fn: (tx: DriverTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
