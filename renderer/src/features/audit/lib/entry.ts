import type { AuditEntry } from '../../../../../common/audit/entry.schema';

/** The policy's or the failure's own sentence (`details.reason`), when the entry has one. */
export function entryReason(entry: AuditEntry): string | null {
  const reason = entry.details.reason;
  return typeof reason === 'string' && reason !== '' ? reason : null;
}
