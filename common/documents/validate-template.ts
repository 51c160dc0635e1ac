/**
 * `validateTemplate(json)`: the one gate a template passes before anyone can use it — shipped
 * templates at start, IT's folder, and tests. Errors name the path ("sections[1].fields[0].type")
 * so whoever wrote the file can find the mistake without reading our code.
 */
import type { z } from 'zod';
import { FIELD_TYPES, Template, templateFields, type Field } from './template.schema';

export interface TemplateProblem {
  /** Dotted path into the JSON, e.g. `sections[1].fields[0].type`; empty for the whole file. */
  path: string;
  message: string;
}

export type TemplateValidation =
  { ok: true; template: Template } | { ok: false; problems: TemplateProblem[] };

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Walks the raw JSON to the value at a zod issue's path (to say which type was unknown). */
function valueAt(json: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = json;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describeIssue(json: unknown, issue: z.core.$ZodIssue): TemplateProblem {
  const path = [...issue.path];
  // A discriminated union reports a bad `type` on the object; point at `type` itself.
  if (issue.code === 'invalid_union' && path.length > 0) {
    // zod reports a bad discriminator at `…type` (or, for a missing one, at the object).
    if (path[path.length - 1] === 'type') path.pop();
    const obj = valueAt(json, path);
    if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
      const type = (obj as Record<string, unknown>).type;
      const isField = path.includes('fields');
      const isColumn = path.includes('columns');
      const known = isColumn
        ? 'text, number, date, checkbox, choice, passfail'
        : isField
          ? FIELD_TYPES.join(', ')
          : undefined;
      if (known) {
        return {
          path: formatPath([...path, 'type']),
          message:
            type === undefined
              ? `missing "type" (one of: ${known})`
              : `unknown ${isColumn ? 'column' : 'field'} type ${JSON.stringify(type)} (one of: ${known})`,
        };
      }
    }
  }
  if (issue.code === 'invalid_type' && valueAt(json, path) === undefined) {
    return { path: formatPath(path), message: `missing (expected ${issue.expected})` };
  }
  if (issue.code === 'unrecognized_keys') {
    return { path: formatPath(path), message: `unknown key(s): ${issue.keys.join(', ')}` };
  }
  return { path: formatPath(path), message: issue.message };
}

/** Checks what a schema cannot: unique ids, references between fields, usable patterns. */
function crossCheck(template: Template): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const seenFields = new Map<string, string>();
  const seenSections = new Set<string>();
  const allFields = new Set(templateFields(template).map((f) => f.id));
  template.sections.forEach((section, si) => {
    const sp = `sections[${si}]`;
    if (seenSections.has(section.id))
      problems.push({ path: `${sp}.id`, message: `duplicate section id "${section.id}"` });
    seenSections.add(section.id);
    section.fields.forEach((field, fi) => {
      const fp = `${sp}.fields[${fi}]`;
      const earlier = seenFields.get(field.id);
      if (earlier)
        problems.push({
          path: `${fp}.id`,
          message: `duplicate field id "${field.id}" (first at ${earlier})`,
        });
      else seenFields.set(field.id, fp);
      problems.push(...checkField(field, fp));
    });
    const ids = new Set(section.fields.map((f) => f.id));
    section.aiActions?.forEach((action, ai) => {
      const ap = `${sp}.aiActions[${ai}]`;
      if (action.target && !ids.has(action.target))
        problems.push({ path: `${ap}.target`, message: `no field "${action.target}" in this section` });
      action.source?.forEach((s, i) => {
        if (!allFields.has(s))
          problems.push({ path: `${ap}.source[${i}]`, message: `no field "${s}" in this template` });
      });
      if (action.task === 'translate' && !action.targetLanguage)
        problems.push({
          path: `${ap}.targetLanguage`,
          message: 'missing (a translate action needs "en" or "zh")',
        });
      const targetField = section.fields.find((f) => f.id === (action.target ?? ''));
      if (!action.target && !section.fields.some((f) => f.type === 'richtext' || f.type === 'text'))
        problems.push({
          path: `${ap}.target`,
          message: 'missing (the section has no text field to put the suggestion in)',
        });
      if (targetField && targetField.type !== 'richtext' && targetField.type !== 'text')
        problems.push({
          path: `${ap}.target`,
          message: `field "${targetField.id}" is ${targetField.type}; suggestions go into text or richtext fields`,
        });
    });
  });
  return problems;
}

function checkField(field: Field, fp: string): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  field.rules?.forEach((rule, ri) => {
    if (rule.kind !== 'pattern') return;
    try {
      new RegExp(rule.pattern, 'u');
    } catch {
      problems.push({ path: `${fp}.rules[${ri}].pattern`, message: 'not a valid regular expression' });
    }
  });
  if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max)
    problems.push({ path: `${fp}.min`, message: 'min must not exceed max' });
  if (field.type === 'table') {
    const cols = new Map(field.columns.map((c) => [c.id, c]));
    if (cols.size !== field.columns.length)
      problems.push({ path: `${fp}.columns`, message: 'duplicate column id' });
    field.columns.forEach((col, ci) => {
      if (col.type !== 'passfail') return;
      for (const ref of ['measured', 'nominal', 'tolMinus', 'tolPlus'] as const) {
        const target = cols.get(col[ref]);
        if (!target || target.type !== 'number')
          problems.push({
            path: `${fp}.columns[${ci}].${ref}`,
            message: `"${col[ref]}" is not a number column of this table`,
          });
      }
    });
    if (field.overallResult && !field.columns.some((c) => c.type === 'passfail'))
      problems.push({ path: `${fp}.overallResult`, message: 'needs a passfail column' });
  }
  if (field.type === 'checklist') {
    const ids = new Set(field.items.map((i) => i.id));
    if (ids.size !== field.items.length) problems.push({ path: `${fp}.items`, message: 'duplicate item id' });
  }
  return problems;
}

/** Parses and checks a template; never throws. */
export function validateTemplate(json: unknown): TemplateValidation {
  const parsed = Template.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => describeIssue(json, issue));
    // One mistake can surface as several issues on the same path; say each once.
    const unique = [...new Map(problems.map((p) => [`${p.path}\u0000${p.message}`, p])).values()];
    return { ok: false, problems: unique };
  }
  const problems = crossCheck(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, template: parsed.data };
}

/** One line per problem, for logs and error messages. */
export function formatTemplateProblems(problems: TemplateProblem[]): string {
  return problems.map((p) => `${p.path || '(file)'}: ${p.message}`).join('; ');
}

export { templateFields };
