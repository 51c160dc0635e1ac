/** Small pure helpers of the editor: values, flags and the text an AI action works from. */
import {
  richTextToPlain,
  type AiAction,
  type DocumentContent,
  type Field,
  type FieldValue,
  type RichDoc,
  type Section,
  type ValidationIssue,
} from '../../../../../common/documents';

export type Values = DocumentContent['values'];

export function isRichDoc(value: FieldValue | undefined): value is RichDoc {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && (value as RichDoc).type === 'doc'
  );
}

/** The plain text of a field, for AI input and readability. */
export function plainOf(value: FieldValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isRichDoc(value)) return richTextToPlain(value);
  if (value && typeof value === 'object' && 'rows' in value)
    return (value.rows as Array<Record<string, unknown>>)
      .map((r) =>
        Object.values(r)
          .filter((v) => v !== null && v !== '')
          .join(' · '),
      )
      .join('\n');
  return '';
}

/** The field an action's suggestion is for. */
export function actionTarget(section: Section, action: AiAction): Field | undefined {
  if (action.target) return section.fields.find((f) => f.id === action.target);
  return section.fields.find((f) => f.type === 'richtext' || f.type === 'text');
}

/** The text an action works from: its sources, else the section's text fields. */
export function actionInput(
  sections: readonly Section[],
  section: Section,
  action: AiAction,
  values: Values,
): string {
  const all = sections.flatMap((s) => s.fields);
  const fields = action.source ? all.filter((f) => action.source?.includes(f.id)) : section.fields;
  return fields
    .map((f) => plainOf(values[f.id]))
    .filter((t) => t.trim())
    .join('\n\n');
}

export function issuesByField(issues: readonly ValidationIssue[]): Map<string, ValidationIssue[]> {
  const map = new Map<string, ValidationIssue[]>();
  for (const issue of issues) map.set(issue.fieldId, [...(map.get(issue.fieldId) ?? []), issue]);
  return map;
}
