/**
 * Filtered, paged reads of the log for the Audit view's infinite scroll. A page never scans more
 * than a fixed budget of entries, so a narrow filter over a million entries returns promptly with
 * a cursor to continue from instead of freezing the view.
 */
import type { AuditEntry, AuditOutcome } from '../../../common/audit/entry.schema';
import type { AuditStore } from './audit-store';

/** Filters and cursor of one Audit view page; all given criteria must match. */
export interface AuditQuery {
  /** Inclusive lower bound on `ts` (ISO 8601). */
  from?: string;
  /** Exclusive upper bound on `ts` (ISO 8601). */
  to?: string;
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  /** Ascending pages: continue after this seq. */
  afterSeq?: number;
  /** Descending pages (newest first): continue before this seq. */
  beforeSeq?: number;
  /** 'desc' (newest first, the default) or 'asc'. */
  order?: 'asc' | 'desc';
  /** Page size, 1…1000 (default 100). */
  limit?: number;
}

/** One page of entries and the cursor for the next. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as afterSeq (asc) or beforeSeq (desc) for the next page; null at the end of the log. */
  next: number | null;
}

/** How many entries one page may examine before returning what it has. */
export const QUERY_SCAN_BUDGET = 50_000;
const WINDOW = 1024;

/** Normalizes an ISO bound to the log's own `toISOString()` form, so string comparison is exact. */
export function normalizeBound(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${value}`);
  return date.toISOString();
}

/** A predicate over entries for the Audit view and exports (all given criteria must match). */
export function entryMatcher(filter: {
  from?: string | undefined;
  to?: string | undefined;
  actors?: readonly string[] | undefined;
  actions?: readonly string[] | undefined;
  outcomes?: readonly string[] | undefined;
}): (entry: AuditEntry) => boolean {
  const from = normalizeBound(filter.from);
  const to = normalizeBound(filter.to);
  const actors = filter.actors && filter.actors.length > 0 ? new Set(filter.actors) : undefined;
  const actions = filter.actions && filter.actions.length > 0 ? new Set(filter.actions) : undefined;
  const outcomes = filter.outcomes && filter.outcomes.length > 0 ? new Set(filter.outcomes) : undefined;
  return (entry) =>
    (from === undefined || entry.ts >= from) &&
    (to === undefined || entry.ts < to) &&
    (actors === undefined || actors.has(entry.actor)) &&
    (actions === undefined || actions.has(entry.action)) &&
    (outcomes === undefined || outcomes.has(entry.outcome));
}

/** Reads one page, scanning at most QUERY_SCAN_BUDGET entries. */
export async function runQuery(store: AuditStore, query: AuditQuery): Promise<AuditPage> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100), 1), 1000);
  const matches = entryMatcher({
    from: query.from,
    to: query.to,
    actors: query.actor === undefined ? undefined : [query.actor],
    actions: query.action === undefined ? undefined : [query.action],
    outcomes: query.outcome === undefined ? undefined : [query.outcome],
  });
  const first = store.anchor().seq + 1;
  const last = store.head().seq;
  const entries: AuditEntry[] = [];
  let scanned = 0;

  if ((query.order ?? 'desc') === 'asc') {
    let cursor = Math.max(first, (query.afterSeq ?? 0) + 1);
    while (cursor <= last) {
      const windowEnd = Math.min(last, cursor + WINDOW - 1);
      for await (const batch of store.read(cursor, windowEnd)) {
        for (const entry of batch) {
          scanned += 1;
          if (matches(entry)) entries.push(entry);
          if (entries.length >= limit || scanned >= QUERY_SCAN_BUDGET) {
            return { entries, next: entry.seq < last ? entry.seq : null };
          }
        }
      }
      cursor = windowEnd + 1;
    }
    return { entries, next: null };
  }

  let cursor = Math.min(last, (query.beforeSeq ?? last + 1) - 1);
  while (cursor >= first) {
    const windowStart = Math.max(first, cursor - WINDOW + 1);
    const window: AuditEntry[] = [];
    for await (const batch of store.read(windowStart, cursor)) window.push(...batch);
    for (let i = window.length - 1; i >= 0; i -= 1) {
      const entry = window[i] as AuditEntry;
      scanned += 1;
      if (matches(entry)) entries.push(entry);
      if (entries.length >= limit || scanned >= QUERY_SCAN_BUDGET) {
        return { entries, next: entry.seq > first ? entry.seq : null };
      }
    }
    cursor = windowStart - 1;
  }
  return { entries, next: null };
}
