import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import type { SqlOp, SqlParam } from './journal';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js (SQLite compiled to WebAssembly) loads once per process. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

export type Row = Record<string, SqlParam>;

/**
 * The in-memory SQLite database. Every change goes through applyOps inside a
 * transaction, the same code path for a live commit and a journal replay, so
 * replay reproduces exactly what was committed.
 */
export class SqlStore {
  private readonly statements = new Map<string, Statement>();
  private inTransaction = false;

  private constructor(private db: Database) {
    this.configure();
  }

  static async open(image?: Uint8Array): Promise<SqlStore> {
    const SQL = await loadSqlJs();
    return new SqlStore(new SQL.Database(image ?? null));
  }

  private configure(): void {
    // Deleted rows and merged-away FTS segments are zeroed, so a snapshot written
    // after a crypto-shred carries no leftover text in free pages.
    this.db.run('PRAGMA secure_delete = ON');
    // The database lives in memory anyway (durability is the journal's job): keep
    // SQLite's rollback journal in memory too rather than as a second MEMFS file.
    this.db.run('PRAGMA journal_mode = MEMORY');
  }

  private prepare(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Runs statements; the caller owns the transaction. */
  applyOps(ops: readonly SqlOp[]): void {
    for (const [sql, params] of ops) {
      const st = this.prepare(sql);
      try {
        st.run(params as SqlParam[]);
      } finally {
        st.reset();
      }
    }
  }

  begin(): void {
    this.db.run('BEGIN');
    this.inTransaction = true;
  }

  commit(): void {
    this.db.run('COMMIT');
    this.inTransaction = false;
  }

  rollback(): void {
    if (!this.inTransaction) return;
    this.inTransaction = false;
    this.db.run('ROLLBACK');
  }

  /** Applies ops atomically: all or none. */
  applyAtomically(ops: readonly SqlOp[]): void {
    this.begin();
    try {
      this.applyOps(ops);
      this.commit();
    } catch (err) {
      this.rollback();
      throw err;
    }
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): T[] {
    const st = this.prepare(sql);
    const out: T[] = [];
    try {
      st.bind(params as SqlParam[]);
      while (st.step()) out.push(st.getAsObject() as T);
    } finally {
      st.reset();
    }
    return out;
  }

  get<T extends Row = Row>(sql: string, params: readonly SqlParam[] = []): T | undefined {
    const st = this.prepare(sql);
    try {
      st.bind(params as SqlParam[]);
      return st.step() ? (st.getAsObject() as T) : undefined;
    } finally {
      st.reset();
    }
  }

  /** Runs a statement outside the journal (only for physical maintenance such as FTS optimize). */
  runUnjournaled(sql: string): void {
    this.db.run(sql);
  }

  /**
   * The database image. sql.js closes and reopens the connection to do this,
   * which frees every prepared statement and resets pragmas: re-establish both.
   */
  export(): Uint8Array {
    if (this.inTransaction) throw new Error('cannot export inside a transaction');
    this.statements.clear();
    const image = this.db.export();
    this.configure();
    return image;
  }

  close(): void {
    for (const st of this.statements.values()) st.free();
    this.statements.clear();
    this.db.close();
  }
}
