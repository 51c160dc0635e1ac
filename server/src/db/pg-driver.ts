import pg from 'pg';
import type { Driver, DriverTransaction } from './database';

/** A real PostgreSQL through a connection pool (`DATABASE_URL`). */
export function openPgDriver(connectionString: string, maxConnections = 10): Driver {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // An idle client that loses its server (PostgreSQL restart) must not crash the process; the pool
  // drops it and the next transaction gets a fresh connection.
  pool.on('error', () => undefined);
  // The same for a client checked out at that moment: its query rejects (and the transaction is
  // retried by the caller); the 'error' event it also emits must not be an uncaught one.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return {
    kind: 'postgres',
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('begin');
        const wrapped: DriverTransaction = {
          async query<Row extends object>(sql: string, params?: readonly unknown[]) {
            const result = await client.query(sql, params ? [...params] : undefined);
            return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
          },
          async exec(sql) {
            await client.query(sql);
          },
        };
        const value = await fn(wrapped);
        await client.query('commit');
        return value;
      } catch (error) {
        try {
          await client.query('rollback');
        } catch {
          broken = true;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
