import type { Database } from '../db/database';
import { newOperatorToken, sha256Hex } from './tokens';

/** Adds an operator (super-admin) token and returns it; only its hash is kept. */
export async function createOperatorToken(db: Database, label: string): Promise<string> {
  const token = newOperatorToken();
  await db.withoutTenant((q) =>
    q.query('insert into operator_tokens (token_sha256, label) values ($1, $2)', [sha256Hex(token), label]),
  );
  return token;
}

/**
 * First start: when no operator token exists yet, make one and return it so the CLI prints it once.
 * Later starts return null. Serialised by an advisory lock so two instances don't both bootstrap.
 */
export async function bootstrapOperatorToken(db: Database): Promise<string | null> {
  const token = newOperatorToken();
  const made = await db.withoutTenant(async (q) => {
    await q.query('select pg_advisory_xact_lock(7300402)');
    const { rows } = await q.query<{ n: number }>('select count(*)::int as n from operator_tokens');
    if ((rows[0]?.n ?? 0) > 0) return false;
    await q.query(`insert into operator_tokens (token_sha256, label) values ($1, 'bootstrap')`, [
      sha256Hex(token),
    ]);
    return true;
  });
  return made ? token : null;
}
