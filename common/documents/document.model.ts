/**
 * The document model: what a document created from a template holds, as stored in the vault
 * (the body of every version is `DocumentContent` as JSON) and as it crosses the contract.
 *
 * - `values` are keyed by the template's field ids. Rich text is TipTap (ProseMirror) JSON,
 *   restricted to the node/mark allowlist in `rich-text.ts`; AI-written text carries an
 *   `aiProvenance` mark ({ model, packSha256, provider, at }) so exports can say where it came from.
 * - Plain-text fields accepted from an AI suggestion record their provenance in `provenance`.
 * - `signatures` are added only by `documents.sign`; each names the version it signed and that
 *   version's content hash (`versionHash`, SHA-256 of `canonicalContent`). A document whose
 *   current version carries a signature is locked; `amends` links an amendment draft to the
 *   signed version it replaces.
 *
 * Exporters and search read documents through the document service (`documents.get`), never the
 * raw vault body, so this is the one shape to build on.
 */
import { z } from 'zod';

/** A TipTap/ProseMirror JSON node. Validated against the allowlist in `rich-text.ts`. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
  text?: string;
}

export const RichMark = z.strictObject({
  type: z.string().min(1).max(64),
  attrs: z.record(z.string(), z.unknown()).optional(),
});

export const RichNode: z.ZodType<RichNode> = z.lazy(() =>
  z.strictObject({
    type: z.string().min(1).max(64),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(RichNode).optional(),
    marks: z.array(RichMark).optional(),
    text: z.string().optional(),
  }),
);

/** A rich-text value: a TipTap document (`{ type: 'doc', content: [...] }`). */
export const RichDoc = z.strictObject({
  type: z.literal('doc'),
  content: z.array(RichNode).optional(),
});
export type RichDoc = z.infer<typeof RichDoc>;

/** Where AI-written text came from; shown on hover and in exports' metadata. */
export const AiProvenance = z.strictObject({
  model: z.string().min(1).max(200),
  /** SHA-256 of the model pack's manifest (hex); empty for built-in non-model helpers. */
  packSha256: z.string().max(64),
  /** 'local', 'on-prem' or 'builtin': where the model ran. */
  provider: z.string().min(1).max(50),
  /** ISO 8601 time the suggestion was accepted. */
  at: z.string().min(1).max(40),
  /** The template's AI action that produced it. */
  action: z.string().max(64).optional(),
});
export type AiProvenance = z.infer<typeof AiProvenance>;

export const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type CellValue = z.infer<typeof CellValue>;

/** A table's rows: column id → cell. Computed (passfail) columns are never stored. */
export const TableValue = z.strictObject({ rows: z.array(z.record(z.string(), CellValue)) });
export type TableValue = z.infer<typeof TableValue>;

/** A checklist: item id → checked. */
export const ChecklistValue = z.record(z.string(), z.boolean());
export type ChecklistValue = z.infer<typeof ChecklistValue>;

/**
 * A field's value; which variant depends on the field type:
 * text/date → string (date: `YYYY-MM-DD` or ISO date-time), number → number (or null when empty),
 * choice → string or string[] (multiple), richtext → RichDoc, table → TableValue,
 * checklist → ChecklistValue. Signature fields hold no value (see `signatures`).
 */
export const FieldValue = z.union([
  z.string(),
  z.number(),
  z.null(),
  z.array(z.string()),
  RichDoc,
  TableValue,
  ChecklistValue,
]);
export type FieldValue = z.infer<typeof FieldValue>;

export const SIGNATURE_MEANINGS = ['author', 'reviewer', 'approver'] as const;
export const SignatureMeaning = z.enum(SIGNATURE_MEANINGS);
export type SignatureMeaning = z.infer<typeof SignatureMeaning>;

/** A 21 CFR Part 11-style electronic signature: who, when, what it means, and what exactly. */
export const Signature = z.strictObject({
  meaning: SignatureMeaning,
  /** The signer's display name (the vault's user). */
  signer: z.string().min(1).max(200),
  /** ISO 8601 time of signing. */
  at: z.string().min(1).max(40),
  /** The version whose content was signed. */
  version: z.number().int().positive(),
  /** SHA-256 (hex) of that version's canonical content: proves what was signed. */
  versionHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type Signature = z.infer<typeof Signature>;

export const DOCUMENT_FORMAT = 'starring.document/1';

/** The body of every stored version. */
export const DocumentContent = z.strictObject({
  format: z.literal(DOCUMENT_FORMAT),
  templateId: z.string().min(1).max(64),
  templateVersion: z.number().int().positive(),
  /** The user who created the document (policy: "own documents"). */
  owner: z.string().min(1).max(200),
  values: z.record(z.string(), FieldValue),
  /** Plain-text fields filled from an accepted AI suggestion (rich text uses marks instead). */
  provenance: z.record(z.string(), AiProvenance).optional(),
  signatures: z.array(Signature).optional(),
  /** An amendment: the signed version it continues from. */
  amends: z.strictObject({ version: z.number().int().positive(), versionHash: z.string() }).optional(),
});
export type DocumentContent = z.infer<typeof DocumentContent>;

/** What a save may carry: the content without signatures (only `sign` adds them). */
export const DocumentEdit = z.strictObject({
  title: z.string().min(1).max(300).optional(),
  values: z.record(z.string(), FieldValue),
  provenance: z.record(z.string(), AiProvenance).optional(),
});
export type DocumentEdit = z.infer<typeof DocumentEdit>;

/**
 * The text that a signature's `versionHash` covers: template id and version plus values and
 * provenance, serialised with sorted keys so the same content always hashes the same.
 */
export function canonicalContent(
  content: Pick<DocumentContent, 'templateId' | 'templateVersion' | 'values' | 'provenance'>,
): string {
  return canonicalJson({
    templateId: content.templateId,
    templateVersion: content.templateVersion,
    values: content.values,
    provenance: content.provenance ?? {},
  });
}

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
