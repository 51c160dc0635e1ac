import { useTranslation } from 'react-i18next';
import {
  computePassFail,
  localize,
  tableOverall,
  type CellValue,
  type FieldOf,
  type TableValue,
  type ValidationIssue,
} from '../../../../../common/documents';
import { useEditorT } from '../i18n/t';

/** A typed table; `passfail` columns are computed from the row, never typed, with an overall verdict. */
export function TableInput(props: {
  field: FieldOf<'table'>;
  value: TableValue | undefined;
  issues: readonly ValidationIssue[];
  editable: boolean;
  labelId: string;
  onChange(value: TableValue): void;
}) {
  const { field, editable } = props;
  const { i18n } = useTranslation();
  const t = useEditorT();
  const rows = props.value?.rows ?? [];
  const setCell = (ri: number, colId: string, cell: CellValue) =>
    props.onChange({ rows: rows.map((r, i) => (i === ri ? { ...r, [colId]: cell } : r)) });
  const overall = field.overallResult ? tableOverall(field, props.value) : null;
  const verdictText = (v: 'pass' | 'fail' | null) =>
    v === 'pass' ? t('editor.pass') : v === 'fail' ? t('editor.fail') : t('editor.pending');

  return (
    <div className="table-field">
      <table className="table table-input" aria-labelledby={props.labelId}>
        <thead>
          <tr>
            {field.columns.map((c) => (
              <th key={c.id} scope="col">
                {localize(c.label, i18n.language)}
                {'unit' in c && c.unit ? ` (${c.unit})` : ''}
              </th>
            ))}
            {editable && (
              <th scope="col">
                <span className="visually-hidden">{t('editor.removeRow', { row: '' })}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, ri) => (
            <tr key={ri} data-row={ri}>
              {field.columns.map((c) => {
                const cellLabel = `${localize(c.label, i18n.language)} ${ri + 1}`;
                const invalid = props.issues.some((i) => i.path === `rows[${ri}].${c.id}`);
                const cell = row[c.id];
                switch (c.type) {
                  case 'passfail': {
                    const v = computePassFail(c, row);
                    return (
                      <td key={c.id} className={`verdict verdict-${v ?? 'pending'}`} data-col={c.id}>
                        {verdictText(v)}
                      </td>
                    );
                  }
                  case 'number':
                    return (
                      <td key={c.id}>
                        <input
                          className="input input-cell"
                          type="number"
                          step="any"
                          aria-label={cellLabel}
                          aria-invalid={invalid}
                          data-col={c.id}
                          readOnly={!editable}
                          value={
                            typeof cell === 'number'
                              ? cell
                              : cell === null || cell === undefined
                                ? ''
                                : String(cell)
                          }
                          onChange={(e) =>
                            setCell(ri, c.id, e.target.value === '' ? null : Number(e.target.value))
                          }
                        />
                      </td>
                    );
                  case 'checkbox':
                    return (
                      <td key={c.id}>
                        <input
                          type="checkbox"
                          aria-label={cellLabel}
                          checked={cell === true}
                          disabled={!editable}
                          onChange={(e) => setCell(ri, c.id, e.target.checked)}
                        />
                      </td>
                    );
                  case 'choice':
                    return (
                      <td key={c.id}>
                        <select
                          className="input input-cell"
                          aria-label={cellLabel}
                          disabled={!editable}
                          value={typeof cell === 'string' ? cell : ''}
                          onChange={(e) => setCell(ri, c.id, e.target.value)}
                        >
                          <option value="">{t('editor.choose')}</option>
                          {c.options.map((o) => (
                            <option key={o.value} value={o.value}>
                              {localize(o.label, i18n.language)}
                            </option>
                          ))}
                        </select>
                      </td>
                    );
                  default:
                    return (
                      <td key={c.id}>
                        <input
                          className="input input-cell"
                          type={c.type === 'date' ? 'date' : 'text'}
                          aria-label={cellLabel}
                          data-col={c.id}
                          readOnly={!editable}
                          value={typeof cell === 'string' || typeof cell === 'number' ? String(cell) : ''}
                          onChange={(e) => setCell(ri, c.id, e.target.value)}
                        />
                      </td>
                    );
                }
              })}
              {editable && (
                <td>
                  <button
                    type="button"
                    className="button button-small"
                    aria-label={t('editor.removeRow', { row: ri + 1 })}
                    onClick={() => props.onChange({ rows: rows.filter((_, i) => i !== ri) })}
                  >
                    ×
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="table-footer">
        {editable && (
          <button
            type="button"
            className="button button-small"
            onClick={() => props.onChange({ rows: [...rows, {}] })}
          >
            {t('editor.addRow')}
          </button>
        )}
        {field.overallResult && (
          <p
            className={`overall verdict-${overall ?? 'pending'}`}
            data-testid={`overall-${field.id}`}
            aria-live="polite"
          >
            {t('editor.overall')}: <strong>{verdictText(overall)}</strong>
          </p>
        )}
      </div>
    </div>
  );
}
