import { PGlite } from '@electric-sql/pglite';
import type { Driver, DriverTransaction } from './database';

/** Embedded PostgreSQL (WebAssembly) in `dataDir`, or in memory when none is given (tests). */
export async function openPgliteDriver(dataDir?: string): Promise<Driver> {
  const db = dataDir === undefined ? await PGlite.create() : await PGlite.create({ dataDir });
  return {
    kind: 'pglite',
    // PGlite is one connection; its transaction() queues callers, so transactions never interleave.
    transaction: (fn) =>
      db.transaction((tx) => {
        const wrapped: DriverTransaction = {
          async query<Row extends object>(sql: string, params?: readonly unknown[]) {
            const result = await tx.query<Row>(sql, params ? [...params] : undefined);
            // affectedRows is 0 for a SELECT; pg's rowCount counts the rows then.
            return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
          },
          async exec(sql) {
            await tx.exec(sql);
          },
        };
        return fn(wrapped);
      }),
    close: () => db.close(),
  };
}
