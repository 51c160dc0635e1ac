import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Classification } from '../../../../../common/contract';
import { QueryView } from '../../../ui/QueryView';
import type { PermissionMatrix as Matrix } from '../hooks/use-policy';
import type { PolicyT } from '../i18n/t';
import { cellKey, classifications, matrixRows, type MatrixRow } from '../lib/actions';
import { DecisionMark, Explanation } from './Decision';
import type { QueryState } from '../../../lib/use-api-query';

interface Position {
  row: number;
  column: number;
}

const lastRow = matrixRows.length - 1;
const lastColumn = classifications.length - 1;

/** Where an arrow, Home or End key moves the focus in the grid of cells (no wrapping). */
function moved(from: Position, event: KeyboardEvent): Position | null {
  const { row, column } = from;
  switch (event.key) {
    case 'ArrowUp':
      return { row: Math.max(0, row - 1), column };
    case 'ArrowDown':
      return { row: Math.min(lastRow, row + 1), column };
    case 'ArrowLeft':
      return { row, column: Math.max(0, column - 1) };
    case 'ArrowRight':
      return { row, column: Math.min(lastColumn, column + 1) };
    case 'Home':
      return event.ctrlKey ? { row: 0, column: 0 } : { row, column: 0 };
    case 'End':
      return event.ctrlKey ? { row: lastRow, column: lastColumn } : { row, column: lastColumn };
    default:
      return null;
  }
}

/**
 * "What you may do": the main actions × classification, each cell the policy's own answer. One
 * cell is in the Tab order (roving tabindex); arrow keys move between cells, Enter or Space (or a
 * click) shows why that cell is allowed or denied and which policy decided.
 */
export function PermissionMatrix(props: { query: QueryState<Matrix> & { reload(): void }; t: PolicyT }) {
  const { t } = props;
  const [focus, setFocus] = useState<Position>({ row: 0, column: 0 });
  const [selected, setSelected] = useState<Position | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const whyId = useId();

  const rowLabel = (row: MatrixRow) => t(`matrix.rows.${row.id}`);
  const classLabel = (classification: Classification) => t(`classifications.${classification}`);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const next = moved(focus, event);
    if (!next) return;
    event.preventDefault();
    setFocus(next);
    tableRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.row}-${next.column}"]`)?.focus();
  };

  return (
    <section className="panel policy-matrix-panel" aria-labelledby="policy-matrix-heading">
      <h2 id="policy-matrix-heading" className="panel-title">
        {t('matrix.heading')}
      </h2>
      <p className="panel-hint">{t('matrix.hint')}</p>
      <QueryView query={props.query}>
        {(matrix) => {
          const chosen = selected && {
            row: matrixRows[selected.row]!,
            classification: classifications[selected.column]!,
          };
          const answer = chosen && matrix.get(cellKey(chosen.row, chosen.classification));
          return (
            <>
              <table className="table policy-matrix" ref={tableRef}>
                <caption className="visually-hidden">{t('matrix.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('matrix.action')}</th>
                    {classifications.map((classification) => (
                      <th key={classification} scope="col" className={`policy-col-${classification}`}>
                        {classLabel(classification)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody onKeyDown={onKeyDown}>
                  {matrixRows.map((row, rowIndex) => (
                    <tr key={row.id}>
                      <th scope="row">
                        {rowLabel(row)}
                        {!row.document && <span className="cell-sub muted">{t('matrix.notDocument')}</span>}
                      </th>
                      {classifications.map((classification, column) => {
                        const cell = matrix.get(cellKey(row, classification));
                        if (!cell) return <td key={classification}>—</td>;
                        const isSelected = selected?.row === rowIndex && selected.column === column;
                        const label = t('matrix.cellLabel', {
                          action: rowLabel(row),
                          classification: classLabel(classification),
                          decision: t(`decision.${cell.decision}`),
                        });
                        return (
                          <td key={classification}>
                            <button
                              type="button"
                              className="policy-cell"
                              data-cell={`${rowIndex}-${column}`}
                              data-decision={cell.decision}
                              tabIndex={focus.row === rowIndex && focus.column === column ? 0 : -1}
                              aria-label={label}
                              aria-pressed={isSelected}
                              aria-controls={whyId}
                              onFocus={() => setFocus({ row: rowIndex, column })}
                              onClick={() => setSelected({ row: rowIndex, column })}
                            >
                              <DecisionMark decision={cell.decision} t={t} />
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
              <div id={whyId} className="policy-why" aria-live="polite" data-testid="policy-why">
                {chosen && answer ? (
                  <>
                    <p className="policy-why-title">
                      <DecisionMark decision={answer.decision} t={t} />
                      <span>
                        {t('matrix.why', {
                          action: rowLabel(chosen.row),
                          classification: classLabel(chosen.classification),
                        })}
                      </span>
                    </p>
                    <Explanation answer={answer} t={t} />
                  </>
                ) : (
                  <p className="muted">{t('matrix.selectHint')}</p>
                )}
              </div>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
