import { useCallback, useMemo, useState } from 'react';

export interface Selection {
  /** Ids both chosen and still shown: a filter that hides a row also drops it from the bulk act. */
  ids: ReadonlySet<string>;
  count: number;
  allSelected: boolean;
  has(id: string): boolean;
  toggle(id: string): void;
  /** "Select all visible": selects every shown row, or clears them when all are already chosen. */
  toggleAll(): void;
  clear(): void;
}

/** Which rows of the list are ticked for a bulk action, limited to the rows `visibleIds` shows. */
export function useSelection(visibleIds: readonly string[]): Selection {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const ids = useMemo(() => new Set(visibleIds.filter((id) => chosen.has(id))), [visibleIds, chosen]);
  const allSelected = visibleIds.length > 0 && ids.size === visibleIds.length;

  const toggle = useCallback((id: string) => {
    setChosen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const toggleAll = useCallback(() => {
    setChosen(allSelected ? new Set() : new Set(visibleIds));
  }, [allSelected, visibleIds]);
  const clear = useCallback(() => setChosen(new Set()), []);

  return { ids, count: ids.size, allSelected, has: (id) => ids.has(id), toggle, toggleAll, clear };
}
