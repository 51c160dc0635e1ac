/**
 * Checks a document's values against its template. Values are never rejected for being out of
 * range: a clinician may record a real but alarming blood pressure. They are flagged (error:
 * outside min/max; warning: outside the plausible range), saved as typed, and errors plus
 * missing required fields block sign-off. The editor runs the same function for live flags.
 */
import type {
  CellValue,
  ChecklistValue,
  DocumentContent,
  FieldValue,
  RichDoc,
  TableValue,
} from './document.model';
import { richTextToPlain } from './rich-text';
import { localize, templateFields, type Field, type TableColumn, type Template } from './template.schema';

export const ISSUE_CODES = [
  'required',
  'out_of_range',
  'implausible',
  'pattern',
  'too_short',
  'too_long',
  'incomplete',
  'wrong_type',
  'unknown_field',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ValidationIssue {
  fieldId: string;
  /** e.g. `rows[2].torque` inside a table; absent for the field as a whole. */
  path?: string;
  severity: 'error' | 'warning';
  code: IssueCode;
  message: string;
}

export type PassFail = 'pass' | 'fail' | null;

function isEmpty(value: FieldValue | undefined): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    if ('type' in value && value.type === 'doc') return richTextToPlain(value as RichDoc).trim() === '';
    if ('rows' in value) return (value as TableValue).rows.length === 0;
    return !Object.values(value as ChecklistValue).some(Boolean);
  }
  return false;
}

function num(v: CellValue | undefined): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** A tolerance row's verdict: PASS within nominal − tolMinus … nominal + tolPlus; null if incomplete. */
export function computePassFail(
  column: Extract<TableColumn, { type: 'passfail' }>,
  row: Record<string, CellValue>,
): PassFail {
  const measured = num(row[column.measured]);
  const nominal = num(row[column.nominal]);
  const minus = num(row[column.tolMinus]);
  const plus = num(row[column.tolPlus]);
  if (measured === undefined || nominal === undefined || minus === undefined || plus === undefined)
    return null;
  // Tolerances are written as magnitudes (0.05 means −0.05); a signed −0.05 means the same.
  const lo = nominal - Math.abs(minus);
  const hi = nominal + Math.abs(plus);
  // A small epsilon so 10.05 with nominal 10 ± 0.05 passes despite binary floating point.
  const eps = 1e-9 * Math.max(1, Math.abs(nominal));
  return measured >= lo - eps && measured <= hi + eps ? 'pass' : 'fail';
}

/** Overall verdict: fail if any row fails, pass if every row passes, otherwise null (incomplete). */
export function tableOverall(
  field: Extract<Field, { type: 'table' }>,
  value: TableValue | undefined,
): PassFail {
  const col = field.columns.find(
    (c): c is Extract<TableColumn, { type: 'passfail' }> => c.type === 'passfail',
  );
  const rows = value?.rows ?? [];
  if (!col || rows.length === 0) return null;
  const verdicts = rows.map((r) => computePassFail(col, r));
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.every((v) => v === 'pass') ? 'pass' : null;
}

function fmt(n: number): string {
  return String(Number(n.toFixed(6)));
}

function checkNumber(
  field: Extract<Field, { type: 'number' }>,
  value: number,
  locale: string,
): ValidationIssue[] {
  const label = localize(field.label, locale);
  const unit = field.unit ? ` ${field.unit}` : '';
  if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
    const range = `${field.min ?? '−∞'}–${field.max ?? '∞'}${unit}`;
    return [
      {
        fieldId: field.id,
        severity: 'error',
        code: 'out_of_range',
        message: `${label}: ${fmt(value)}${unit} is outside ${range}.`,
      },
    ];
  }
  const p = field.plausible;
  if (p && ((p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max))) {
    const range = `${p.min ?? '−∞'}–${p.max ?? '∞'}${unit}`;
    return [
      {
        fieldId: field.id,
        severity: 'warning',
        code: 'implausible',
        message: `${label}: ${fmt(value)}${unit} is outside the plausible range ${range}; please check.`,
      },
    ];
  }
  return [];
}

function typeMatches(field: Field, value: FieldValue): boolean {
  switch (field.type) {
    case 'text':
    case 'date':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' || value === null;
    case 'choice':
      return field.multiple ? Array.isArray(value) : typeof value === 'string';
    case 'richtext':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        (value as RichDoc).type === 'doc'
      );
    case 'table':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Array.isArray((value as TableValue).rows)
      );
    case 'checklist':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.values(value).every((v) => typeof v === 'boolean')
      );
    case 'signature':
      return false;
  }
}

function textOf(value: FieldValue): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value) && (value as RichDoc).type === 'doc')
    return richTextToPlain(value as RichDoc);
  return '';
}

function checkRules(field: Field, value: FieldValue, locale: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const label = localize(field.label, locale);
  for (const rule of field.rules ?? []) {
    const text = textOf(value);
    if (rule.kind === 'minLength' && text.length > 0 && text.length < rule.value)
      issues.push({
        fieldId: field.id,
        severity: 'error',
        code: 'too_short',
        message: rule.message
          ? localize(rule.message, locale)
          : `${label}: at least ${rule.value} characters.`,
      });
    if (rule.kind === 'maxLength' && text.length > rule.value)
      issues.push({
        fieldId: field.id,
        severity: 'error',
        code: 'too_long',
        message: rule.message
          ? localize(rule.message, locale)
          : `${label}: at most ${rule.value} characters.`,
      });
    if (rule.kind === 'pattern' && text.length > 0 && !new RegExp(rule.pattern, 'u').test(text))
      issues.push({
        fieldId: field.id,
        severity: 'error',
        code: 'pattern',
        message: localize(rule.message, locale),
      });
    if (rule.kind === 'allChecked' && field.type === 'checklist') {
      const checked = (value ?? {}) as ChecklistValue;
      const missing = field.items.filter((i) => !checked[i.id]);
      if (missing.length)
        issues.push({
          fieldId: field.id,
          severity: 'error',
          code: 'incomplete',
          message: rule.message
            ? localize(rule.message, locale)
            : `${label}: ${missing.length} item(s) not checked.`,
        });
    }
    if (
      rule.kind === 'minRows' &&
      field.type === 'table' &&
      ((value as TableValue | null)?.rows.length ?? 0) < rule.value
    )
      issues.push({
        fieldId: field.id,
        severity: 'error',
        code: 'incomplete',
        message: rule.message ? localize(rule.message, locale) : `${label}: at least ${rule.value} row(s).`,
      });
  }
  return issues;
}

function checkTable(
  field: Extract<Field, { type: 'table' }>,
  value: TableValue,
  locale: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  value.rows.forEach((row, ri) => {
    for (const col of field.columns) {
      if (col.type !== 'number') continue;
      const v = num(row[col.id]);
      const raw = row[col.id];
      if (v === undefined && raw !== undefined && raw !== null && raw !== '')
        issues.push({
          fieldId: field.id,
          path: `rows[${ri}].${col.id}`,
          severity: 'error',
          code: 'wrong_type',
          message: `${localize(field.label, locale)}, row ${ri + 1}, ${localize(col.label, locale)}: not a number.`,
        });
      else if (
        v !== undefined &&
        ((col.min !== undefined && v < col.min) || (col.max !== undefined && v > col.max))
      )
        issues.push({
          fieldId: field.id,
          path: `rows[${ri}].${col.id}`,
          severity: 'error',
          code: 'out_of_range',
          message: `${localize(field.label, locale)}, row ${ri + 1}, ${localize(col.label, locale)}: ${v} is outside ${col.min ?? '−∞'}–${col.max ?? '∞'}.`,
        });
    }
  });
  return issues;
}

/**
 * Every issue with the values. `forSignOff` adds the `requiredBeforeSignOff` checks (errors);
 * without it, empty required fields are not reported (a draft may be incomplete).
 */
export function validateValues(
  template: Template,
  values: DocumentContent['values'],
  options: { forSignOff?: boolean; locale?: string } = {},
): ValidationIssue[] {
  const locale = options.locale ?? 'en';
  const issues: ValidationIssue[] = [];
  const fields = templateFields(template);
  const known = new Set(fields.map((f) => f.id));
  for (const id of Object.keys(values))
    if (!known.has(id))
      issues.push({
        fieldId: id,
        severity: 'error',
        code: 'unknown_field',
        message: `The template has no field "${id}".`,
      });
  for (const field of fields) {
    if (field.type === 'signature') continue;
    const value = values[field.id];
    if (isEmpty(value)) {
      if (options.forSignOff && field.requiredBeforeSignOff)
        issues.push({
          fieldId: field.id,
          severity: 'error',
          code: 'required',
          message: `${localize(field.label, locale)} is required before sign-off.`,
        });
      continue;
    }
    if (value === undefined) continue;
    if (!typeMatches(field, value)) {
      issues.push({
        fieldId: field.id,
        severity: 'error',
        code: 'wrong_type',
        message: `${localize(field.label, locale)}: expected a ${field.type} value.`,
      });
      continue;
    }
    if (field.type === 'number' && typeof value === 'number')
      issues.push(...checkNumber(field, value, locale));
    if (field.type === 'choice') {
      const allowed = new Set(field.options.map((o) => o.value));
      const chosen = Array.isArray(value) ? value : [value as string];
      if (chosen.some((c) => !allowed.has(c)))
        issues.push({
          fieldId: field.id,
          severity: 'error',
          code: 'wrong_type',
          message: `${localize(field.label, locale)}: not one of the options.`,
        });
    }
    if (field.type === 'table') issues.push(...checkTable(field, value as TableValue, locale));
    issues.push(...checkRules(field, value, locale));
  }
  return issues;
}

/** The starting values of a new document: default table rows, nothing else filled in. */
export function initialValues(template: Template): DocumentContent['values'] {
  const values: DocumentContent['values'] = {};
  for (const field of templateFields(template)) {
    if (field.type === 'table' && field.defaultRows)
      values[field.id] = { rows: field.defaultRows.map((r) => ({ ...r })) };
  }
  return values;
}
