/**
 * The Audit view's filters: what the form holds (local date-times as typed, free text) and how it
 * becomes an `audit.query` request or an `audit.exportBundle` filter.
 */
import type { AuditExportRequest, AuditQueryRequest } from '../../../../../common/contract';
import type { AuditOutcome } from '../../../../../common/audit/entry.schema';

export const outcomes = ['allow', 'deny', 'success', 'failure'] as const satisfies readonly AuditOutcome[];

/** The form's fields; `from`/`to` are `<input type="datetime-local">` values in the user's time zone. */
export interface FilterForm {
  from: string;
  to: string;
  actor: string;
  action: string;
  outcome: '' | AuditOutcome;
}

export const emptyFilters: FilterForm = { from: '', to: '', actor: '', action: '', outcome: '' };

/** The query's filter part (no cursor, order or limit). */
export type QueryFilter = Pick<AuditQueryRequest, 'from' | 'to' | 'actor' | 'action' | 'outcome'>;

export function isFiltered(form: FilterForm): boolean {
  return Object.values(form).some((value) => value.trim() !== '');
}

/**
 * A datetime-local value ("2025-03-01T14:30" or with seconds) as an ISO instant with offset, read in
 * the user's time zone as they typed it. Empty or unreadable input gives undefined.
 */
export function localToInstant(local: string): string | undefined {
  if (local.trim() === '') return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The form as a query filter, or why it cannot be one. */
export function toQueryFilter(form: FilterForm): { ok: true; filter: QueryFilter } | { ok: false } {
  const from = localToInstant(form.from);
  const to = localToInstant(form.to);
  if (from && to && Date.parse(from) >= Date.parse(to)) return { ok: false };
  const actor = form.actor.trim();
  const action = form.action.trim();
  return {
    ok: true,
    filter: {
      ...(from && { from }),
      ...(to && { to }),
      ...(actor && { actor }),
      ...(action && { action }),
      ...(form.outcome && { outcome: form.outcome }),
    },
  };
}

/** "a, b\nc" → ["a", "b", "c"]: the export dialog's user and action lists. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

export interface ExportForm {
  from: string;
  to: string;
  actors: string;
  actions: string;
}

export function exportFormFrom(filters: FilterForm): ExportForm {
  return { from: filters.from, to: filters.to, actors: filters.actor.trim(), actions: filters.action.trim() };
}

export function toExportRequest(form: ExportForm): { ok: true; request: AuditExportRequest } | { ok: false } {
  const from = localToInstant(form.from);
  const to = localToInstant(form.to);
  if (from && to && Date.parse(from) >= Date.parse(to)) return { ok: false };
  const actors = splitList(form.actors);
  const actions = splitList(form.actions);
  return {
    ok: true,
    request: {
      ...(from && { from }),
      ...(to && { to }),
      ...(actors.length > 0 && { actors }),
      ...(actions.length > 0 && { actions }),
    },
  };
}
