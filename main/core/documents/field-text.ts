/**
 * A field value as readable text: what the diff compares and what search and export can index.
 * Tables become one line per row ("col: value · col: value"), checklists "☑ item" lines.
 */
import {
  localize,
  richTextToPlain,
  type ChecklistValue,
  type Field,
  type FieldValue,
  type RichDoc,
  type TableValue,
} from '../../../common/documents';
import { computePassFail } from '../../../common/documents';

export function fieldText(field: Field, value: FieldValue | undefined): string {
  if (value === undefined || value === null) return '';
  switch (field.type) {
    case 'richtext':
      return typeof value === 'object' && !Array.isArray(value) && (value as RichDoc).type === 'doc'
        ? richTextToPlain(value as RichDoc)
        : '';
    case 'number':
      return typeof value === 'number' ? `${value}${field.unit ? ` ${field.unit}` : ''}` : '';
    case 'choice': {
      const chosen = Array.isArray(value) ? value : [String(value)];
      return chosen
        .map((c) => localize(field.options.find((o) => o.value === c)?.label ?? c, 'en'))
        .join(', ');
    }
    case 'table': {
      const rows = (value as TableValue).rows ?? [];
      return rows
        .map((row) =>
          field.columns
            .map((col) => {
              const cell = col.type === 'passfail' ? computePassFail(col, row)?.toUpperCase() : row[col.id];
              return cell === undefined || cell === null || cell === ''
                ? ''
                : `${localize(col.label, 'en')}: ${String(cell)}`;
            })
            .filter(Boolean)
            .join(' · '),
        )
        .join('\n');
    }
    case 'checklist': {
      const checked = value as ChecklistValue;
      return field.items.map((i) => `${checked[i.id] ? '☑' : '☐'} ${localize(i.label, 'en')}`).join('\n');
    }
    case 'signature':
      return '';
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}
