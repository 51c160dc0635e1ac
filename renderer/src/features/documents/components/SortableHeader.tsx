import type { ReactNode } from 'react';
import type { SortKey, SortState } from '../lib/sort';

/**
 * A column header that sorts the list. The button carries the keyboard and click; `aria-sort`
 * sits on the header cell, where screen readers announce it with the column.
 */
export function SortableHeader(props: {
  column: SortKey;
  label: string;
  sort: SortState | null;
  onSort: (column: SortKey) => void;
  /** Something that shares the header cell (the "select all" box sits in the title's). */
  before?: ReactNode;
}) {
  const active = props.sort?.key === props.column ? props.sort.direction : undefined;
  return (
    <th scope="col" aria-sort={active ?? 'none'}>
      <span className="cell-with-select">
        {props.before}
        <button type="button" className="sort-button" onClick={() => props.onSort(props.column)}>
          {props.label}
          <span className="sort-arrow" aria-hidden="true">
            {active === 'ascending' ? '▲' : active === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      </span>
    </th>
  );
}
