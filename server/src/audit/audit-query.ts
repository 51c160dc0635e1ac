/**
 * Compliance queries across a tenant's devices: filters on time, actor, action, device and outcome,
 * keyset paging on (ts, device, seq) so deep pages cost the same as the first.
 */
import { z } from 'zod';
import { AuditOutcome, DeviceId, type AuditEntry } from '../../../common/audit/entry.schema';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';

export const AuditQueryParams = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().min(1).max(320).optional(),
  action: z.string().min(1).max(128).optional(),
  device: DeviceId.optional(),
  outcome: AuditOutcome.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(200).optional(),
});
export type AuditQueryParams = z.infer<typeof AuditQueryParams>;

export interface AuditQueryPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

interface Cursor {
  ts: string;
  device: string;
  seq: number;
}

function decodeCursor(text: string): Cursor {
  try {
    const [ts, device, seq] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [
      string,
      string,
      number,
    ];
    if (typeof ts !== 'string' || typeof device !== 'string' || !Number.isSafeInteger(seq))
      throw new Error('shape');
    return { ts, device, seq };
  } catch {
    throw new HttpError(400, 'VALIDATION', 'cursor: not a cursor this server returned');
  }
}

const encodeCursor = (c: Cursor): string =>
  Buffer.from(JSON.stringify([c.ts, c.device, c.seq])).toString('base64url');

/** The WHERE clause and parameters of a query (shared with the SIEM stream). */
export function auditWhere(
  tenant: string,
  p: Omit<AuditQueryParams, 'limit' | 'cursor'>,
  cursor?: Cursor,
): { sql: string; params: unknown[] } {
  const conds = ['tenant_id = $1'];
  const params: unknown[] = [tenant];
  if (p.from) conds.push(`ts >= $${params.push(p.from)}`);
  if (p.to) conds.push(`ts < $${params.push(p.to)}`);
  if (p.actor) conds.push(`actor = $${params.push(p.actor)}`);
  if (p.action) conds.push(`action = $${params.push(p.action)}`);
  if (p.device) conds.push(`device_id = $${params.push(p.device)}`);
  if (p.outcome) conds.push(`outcome = $${params.push(p.outcome)}`);
  if (cursor) {
    const a = params.push(cursor.ts);
    const b = params.push(cursor.device);
    const c = params.push(cursor.seq);
    conds.push(`(ts, device_id, seq) > ($${a}::timestamptz, $${b}, $${c})`);
  }
  return { sql: conds.join(' and '), params };
}

export async function queryAudit(q: Queryable, tenant: string, p: AuditQueryParams): Promise<AuditQueryPage> {
  const { sql, params } = auditWhere(tenant, p, p.cursor ? decodeCursor(p.cursor) : undefined);
  const { rows } = await q.query<{ line: string }>(
    `select line from audit_entries where ${sql} order by ts, device_id, seq limit ${p.limit + 1}`,
    params,
  );
  const entries = rows.slice(0, p.limit).map((r) => JSON.parse(r.line) as AuditEntry);
  const last = entries.at(-1);
  return {
    entries,
    nextCursor:
      rows.length > p.limit && last
        ? encodeCursor({ ts: new Date(last.ts).toISOString(), device: last.device, seq: last.seq })
        : null,
  };
}

/** Every matching entry, a page at a time (SIEM export streams these). */
export async function* scanAudit(
  run: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>,
  tenant: string,
  p: Omit<AuditQueryParams, 'limit' | 'cursor'>,
  pageSize = 2_000,
): AsyncGenerator<AuditEntry[]> {
  let cursor: string | undefined;
  do {
    const page = await run((q) => queryAudit(q, tenant, { ...p, limit: pageSize, cursor }));
    if (page.entries.length > 0) yield page.entries;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
