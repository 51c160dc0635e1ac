import type { Classification, Industry, RequestOf } from '../../../../../common/contract';

/** The filters as the form holds them: '' means "any"; dates as the date input's YYYY-MM-DD. */
export interface SearchFilterState {
  industry: Industry | '';
  classification: Classification | '';
  /** A template id from `templates.list`. */
  templateId: string;
  from: string;
  to: string;
}

export const NO_FILTERS: SearchFilterState = {
  industry: '',
  classification: '',
  templateId: '',
  from: '',
  to: '',
};

export function hasFilters(f: SearchFilterState): boolean {
  return f.industry !== '' || f.classification !== '' || f.templateId !== '' || f.from !== '' || f.to !== '';
}

/** A calendar day from the date input as an instant: its start ('from') or its end ('to'), local time. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function toRequestFilters(f: SearchFilterState): NonNullable<RequestOf<'search.query'>['filters']> {
  const from = dayBound(f.from, false);
  const to = dayBound(f.to, true);
  return {
    ...(f.industry !== '' && { industries: [f.industry] }),
    ...(f.classification !== '' && { classifications: [f.classification] }),
    ...(f.templateId !== '' && { templateIds: [f.templateId] }),
    ...(from !== undefined && { updatedFrom: from }),
    ...(to !== undefined && { updatedTo: to }),
  };
}
