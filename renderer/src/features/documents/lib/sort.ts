import type { Classification, DocumentSummary } from '../../../../../common/contract';

export type SortKey = 'updated' | 'title' | 'industry' | 'classification';
export type SortDirection = 'ascending' | 'descending';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** The list's order until the user picks another: last changed, newest first. */
export const DEFAULT_SORT: SortState = { key: 'updated', direction: 'descending' };

/** Classification sorts by sensitivity, not by its name: "public" first, PHI last. */
const SENSITIVITY: Record<Classification, number> = { public: 0, internal: 1, confidential: 2, phi: 3 };

/** A first click on a column: dates newest first, names A–Z. */
export function firstDirection(key: SortKey): SortDirection {
  return key === 'updated' ? 'descending' : 'ascending';
}

/** Clicking the sorted column turns it around; another column starts in its natural order. */
export function nextSort(current: SortState | null, key: SortKey): SortState {
  if (current?.key === key) {
    return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { key, direction: firstDirection(key) };
}

/**
 * Sorts a copy of the page. Names compare as the reader's language orders them (`label` gives an
 * industry's translated name); ties fall back to newest first so the order is stable.
 */
export function sortDocuments(
  items: readonly DocumentSummary[],
  sort: SortState,
  locale: string,
  label: (doc: DocumentSummary) => string,
): DocumentSummary[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const byUpdated = (a: DocumentSummary, b: DocumentSummary) =>
    Date.parse(a.updatedAt) - Date.parse(b.updatedAt);
  const compare: Record<SortKey, (a: DocumentSummary, b: DocumentSummary) => number> = {
    updated: byUpdated,
    title: (a, b) => collator.compare(a.title, b.title),
    industry: (a, b) => collator.compare(label(a), label(b)),
    classification: (a, b) => SENSITIVITY[a.classification] - SENSITIVITY[b.classification],
  };
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...items].sort((a, b) => sign * compare[sort.key](a, b) || byUpdated(b, a));
}
