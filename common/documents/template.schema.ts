/**
 * The template format: a template is DATA (JSON in `templates/<industry>/<id>.json`, or in the
 * folder IT names with the `TemplateDirectory` managed setting), validated on load by
 * `validateTemplate`. A template declares sections of typed fields, their validation rules,
 * which fields must be filled before sign-off, and per-section AI actions with their prompts.
 *
 * Plain TypeScript + zod: the core (loading, saving, validation on save), the renderer (editor,
 * live range flags) and the exporters read the same schema.
 */
import { z } from 'zod';

export const INDUSTRIES = ['healthcare', 'manufacturing', 'business', 'education', 'content'] as const;
export type TemplateIndustry = (typeof INDUSTRIES)[number];

/** Field, column, section and action ids: stable keys of document values, so kept simple. */
export const idPattern = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const Id = z
  .string()
  .regex(idPattern, 'must be 1–64 letters, digits or _, starting with a lower-case letter');

/** A label: plain English, or English with a Simplified Chinese translation. */
export const Localized = z.union([
  z.string().min(1),
  z.strictObject({ en: z.string().min(1), 'zh-CN': z.string().min(1).optional() }),
]);
export type Localized = z.infer<typeof Localized>;

export function localize(text: Localized, locale: string): string {
  if (typeof text === 'string') return text;
  return (locale.startsWith('zh') ? text['zh-CN'] : undefined) ?? text.en;
}

/** An inclusive numeric interval; either end may be open. */
export const Range = z
  .strictObject({ min: z.number().optional(), max: z.number().optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');
export type Range = z.infer<typeof Range>;

/** Extra checks a field's value must pass; numbers' ranges are declared on the field itself. */
export const ValidationRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('minLength'),
    value: z.number().int().nonnegative(),
    message: Localized.optional(),
  }),
  z.strictObject({
    kind: z.literal('maxLength'),
    value: z.number().int().positive(),
    message: Localized.optional(),
  }),
  z.strictObject({ kind: z.literal('pattern'), pattern: z.string().min(1), message: Localized }),
  /** Each table row, or the whole checklist, must be complete. */
  z.strictObject({ kind: z.literal('allChecked'), message: Localized.optional() }),
  z.strictObject({
    kind: z.literal('minRows'),
    value: z.number().int().positive(),
    message: Localized.optional(),
  }),
]);
export type ValidationRule = z.infer<typeof ValidationRule>;

const fieldBase = {
  id: Id,
  label: Localized,
  help: Localized.optional(),
  placeholder: Localized.optional(),
  /** Must hold a value before anyone can sign the document. */
  requiredBeforeSignOff: z.boolean().optional(),
  rules: z.array(ValidationRule).optional(),
};

/** A word or phrase the brand voice avoids, with what to say instead. */
export const GlossaryEntry = z.strictObject({ avoid: z.string().min(1), prefer: z.string().min(1) });
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const TextField = z.strictObject({
  ...fieldBase,
  type: z.literal('text'),
  multiline: z.boolean().optional(),
});

export const RichTextField = z.strictObject({
  ...fieldBase,
  type: z.literal('richtext'),
  /** Patient leaflets: the US school grade the text should not exceed (shown live). */
  readabilityTarget: z.strictObject({ maxGrade: z.number().min(1).max(20) }).optional(),
  /** Brand voice: terms to avoid, checked live and by the AI action. */
  glossary: z.array(GlossaryEntry).optional(),
});

export const NumberField = z.strictObject({
  ...fieldBase,
  type: z.literal('number'),
  /** UCUM-style unit shown beside the input, e.g. "mmHg", "°C", "N·m". */
  unit: z.string().max(32).optional(),
  /** Values outside are errors (flagged, kept, and block sign-off). */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Values outside are warnings: possible, but worth a second look (e.g. a heart rate of 190). */
  plausible: Range.optional(),
  decimals: z.number().int().min(0).max(6).optional(),
});

export const DateField = z.strictObject({
  ...fieldBase,
  type: z.literal('date'),
  withTime: z.boolean().optional(),
});

export const ChoiceOption = z.strictObject({ value: z.string().min(1).max(100), label: Localized });
export const ChoiceField = z.strictObject({
  ...fieldBase,
  type: z.literal('choice'),
  options: z.array(ChoiceOption).min(1),
  multiple: z.boolean().optional(),
});

const columnBase = { id: Id, label: Localized };
/**
 * A table column. `passfail` is computed, never typed: PASS when `measured` lies within
 * `nominal − tolMinus … nominal + tolPlus` (column ids of number columns in the same table).
 */
export const TableColumn = z.discriminatedUnion('type', [
  z.strictObject({ ...columnBase, type: z.literal('text') }),
  z.strictObject({
    ...columnBase,
    type: z.literal('number'),
    unit: z.string().max(32).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
  z.strictObject({ ...columnBase, type: z.literal('date') }),
  z.strictObject({ ...columnBase, type: z.literal('checkbox') }),
  z.strictObject({ ...columnBase, type: z.literal('choice'), options: z.array(ChoiceOption).min(1) }),
  z.strictObject({
    ...columnBase,
    type: z.literal('passfail'),
    measured: Id,
    nominal: Id,
    tolMinus: Id,
    tolPlus: Id,
  }),
]);
export type TableColumn = z.infer<typeof TableColumn>;

export const TableField = z.strictObject({
  ...fieldBase,
  type: z.literal('table'),
  columns: z.array(TableColumn).min(1),
  /** Rows a new document starts with (e.g. the characteristics a QC plan measures). */
  defaultRows: z
    .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])))
    .optional(),
  /** Show an overall PASS/FAIL from the passfail column (every row must pass). */
  overallResult: z.boolean().optional(),
});

export const ChecklistField = z.strictObject({
  ...fieldBase,
  type: z.literal('checklist'),
  items: z.array(z.strictObject({ id: Id, label: Localized })).min(1),
});

/** Where signatures of one meaning appear in the document; they are made by `documents.sign`. */
export const SignatureField = z.strictObject({
  ...fieldBase,
  type: z.literal('signature'),
  meaning: z.enum(['author', 'reviewer', 'approver']),
});

export const FIELD_TYPES = [
  'text',
  'richtext',
  'number',
  'date',
  'choice',
  'table',
  'checklist',
  'signature',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const Field = z.discriminatedUnion('type', [
  TextField,
  RichTextField,
  NumberField,
  DateField,
  ChoiceField,
  TableField,
  ChecklistField,
  SignatureField,
]);
export type Field = z.infer<typeof Field>;
export type FieldOf<T extends FieldType> = Extract<Field, { type: T }>;

/** The model tasks an AI action may use: the streams the models runtime offers. */
export const AI_TASKS = ['chat', 'summarize', 'translate'] as const;
export type AiTask = (typeof AI_TASKS)[number];

/**
 * One AI-assist action of a section. Its output is always a SUGGESTION for `target`: the user
 * accepts, edits or rejects it; nothing is written silently.
 */
export const AiAction = z.strictObject({
  id: Id,
  label: z.strictObject({ en: z.string().min(1), 'zh-CN': z.string().min(1) }),
  task: z.enum(AI_TASKS),
  /** Instructions sent with the section's text (chat), or a note for summarize/translate. */
  prompt: z.string().min(1).max(4000),
  /** The field the suggestion is for; defaults to the section's first rich-text or text field. */
  target: Id.optional(),
  /** The fields whose text is the input; defaults to every text field of the section. */
  source: z.array(Id).optional(),
  /** For task translate: the language to translate into. */
  targetLanguage: z.enum(['en', 'zh']).optional(),
});
export type AiAction = z.infer<typeof AiAction>;

export const Section = z.strictObject({
  id: Id,
  title: Localized,
  description: Localized.optional(),
  fields: z.array(Field).min(1),
  aiActions: z.array(AiAction).optional(),
});
export type Section = z.infer<typeof Section>;

export const Template = z.strictObject({
  /** The format of this file; bumped only for incompatible changes. */
  schema: z.literal('starring.template/1'),
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9.-]{1,63}$/,
      'must be 2–64 lower-case letters, digits, . or - (e.g. healthcare.soap-note)',
    ),
  /** The template's own version: documents record the version they were created from. */
  version: z.number().int().positive(),
  industry: z.enum(INDUSTRIES),
  name: Localized,
  description: Localized,
  /** The vault classification new documents get (clinical documents: phi). */
  classification: z.enum(['public', 'internal', 'confidential', 'phi']),
  sections: z.array(Section).min(1),
});
export type Template = z.infer<typeof Template>;

/** Every field of a template, in document order. */
export function templateFields(template: Template): Field[] {
  return template.sections.flatMap((s) => s.fields);
}

export function findField(template: Template, fieldId: string): Field | undefined {
  return templateFields(template).find((f) => f.id === fieldId);
}
