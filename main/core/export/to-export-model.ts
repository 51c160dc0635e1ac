import type { Classification, Industry } from '../../../common/contract';
import {
  DocumentContent,
  localize,
  type AiProvenance,
  type Field,
  type FieldValue,
  type RichNode,
  type TableColumn,
  type Template,
} from '../../../common/documents';
import type {
  ExportBlock,
  ExportDocument,
  ExportProvenance,
  ExportSection,
  Paragraph,
  TextRun,
} from './export-model';

/** The document as loaded for export: vault metadata, the stored body, its template when known. */
export interface LoadedDocument {
  id: string;
  title: string;
  templateId: string;
  industry: Industry;
  classification: Classification;
  version: number;
  updatedAt: string;
  subjectId?: string | undefined;
  /** The stored body (JSON text). */
  body: string;
  template?: Template | undefined;
}

type Locale = 'en' | 'zh-CN';

function richParagraphs(
  doc: { content?: RichNode[] | undefined },
  provenance: ExportProvenance[],
  field: string,
): Paragraph[] {
  const out: Paragraph[] = [];
  const runsOf = (node: RichNode): TextRun[] => {
    if (node.type === 'text') {
      const marks = node.marks ?? [];
      const ai = marks.find((m) => m.type === 'aiProvenance');
      if (ai?.attrs) {
        const a = ai.attrs as Partial<AiProvenance>;
        provenance.push({
          model: String(a.model ?? ''),
          packSha256: String(a.packSha256 ?? ''),
          provider: String(a.provider ?? ''),
          at: String(a.at ?? ''),
          field,
        });
      }
      return [
        {
          text: node.text ?? '',
          ...(marks.some((m) => m.type === 'bold') && { bold: true }),
          ...(marks.some((m) => m.type === 'italic') && { italic: true }),
          ...(ai && { ai: true }),
        },
      ];
    }
    if (node.type === 'hardBreak') return [{ text: '\n' }];
    return (node.content ?? []).flatMap(runsOf);
  };
  const walk = (node: RichNode, listStyle?: 'bullet' | 'ordered') => {
    switch (node.type) {
      case 'paragraph':
        out.push({ style: listStyle ?? 'p', runs: runsOf(node) });
        return;
      case 'heading': {
        const level = Number(node.attrs?.level ?? 2);
        out.push({ style: level <= 1 ? 'h1' : level === 2 ? 'h2' : 'h3', runs: runsOf(node) });
        return;
      }
      case 'bulletList':
      case 'orderedList':
        for (const item of node.content ?? []) walk(item, node.type === 'bulletList' ? 'bullet' : 'ordered');
        return;
      case 'listItem':
        for (const child of node.content ?? []) walk(child, listStyle);
        return;
      case 'blockquote':
        for (const child of node.content ?? []) out.push({ style: 'quote', runs: runsOf(child) });
        return;
      case 'codeBlock':
        out.push({ style: 'code', runs: runsOf(node) });
        return;
      default:
        for (const child of node.content ?? []) walk(child, listStyle);
    }
  };
  for (const node of doc.content ?? []) walk(node);
  return out.filter((p) => p.runs.some((r) => r.text.trim() !== ''));
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '✓' : '';
  return String(value);
}

function passFail(
  col: Extract<TableColumn, { type: 'passfail' }>,
  row: Record<string, unknown>,
): 'PASS' | 'FAIL' | '' {
  const n = (id: string) => (typeof row[id] === 'number' ? (row[id] as number) : Number.NaN);
  const measured = n(col.measured);
  const nominal = n(col.nominal);
  if (Number.isNaN(measured) || Number.isNaN(nominal)) return '';
  const minus = Number.isNaN(n(col.tolMinus)) ? 0 : n(col.tolMinus);
  const plus = Number.isNaN(n(col.tolPlus)) ? 0 : n(col.tolPlus);
  return measured >= nominal - minus && measured <= nominal + plus ? 'PASS' : 'FAIL';
}

function fieldBlock(
  field: Field,
  value: FieldValue | undefined,
  locale: Locale,
  provenance: ExportProvenance[],
): ExportBlock | undefined {
  const label = localize(field.label, locale);
  switch (field.type) {
    case 'signature':
      return undefined; // rendered as the signature block
    case 'richtext':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && 'type' in value
        ? {
            kind: 'rich',
            label,
            paragraphs: richParagraphs(value as { content?: RichNode[] }, provenance, label),
          }
        : { kind: 'rich', label, paragraphs: [] };
    case 'number':
      return {
        kind: 'field',
        label,
        text: typeof value === 'number' ? `${value}${field.unit ? ` ${field.unit}` : ''}` : '',
      };
    case 'choice': {
      const values = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
      const labels = values.map((v) => {
        const option = field.options.find((o) => o.value === v);
        return option ? localize(option.label, locale) : v;
      });
      return { kind: 'field', label, text: labels.join(', ') };
    }
    case 'table': {
      const rows =
        typeof value === 'object' && value !== null && 'rows' in value
          ? (value.rows as Array<Record<string, unknown>>)
          : [];
      const results: string[] = [];
      const table: ExportBlock = {
        kind: 'table',
        id: field.id,
        label,
        columns: field.columns.map((c) => {
          const l = localize(c.label, locale);
          return c.type === 'number' && c.unit ? `${l} (${c.unit})` : l;
        }),
        rows: rows.map((row) =>
          field.columns.map((c) => {
            if (c.type === 'passfail') {
              const r = passFail(c, row);
              results.push(r);
              return r;
            }
            if (c.type === 'choice') {
              const option = c.options.find((o) => o.value === row[c.id]);
              return option ? localize(option.label, locale) : cellText(row[c.id]);
            }
            return cellText(row[c.id]);
          }),
        ),
      };
      if (field.overallResult && results.length > 0 && table.kind === 'table')
        table.overall = results.every((r) => r === 'PASS') ? 'PASS' : 'FAIL';
      return table;
    }
    case 'checklist': {
      const checked =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)
          : {};
      return {
        kind: 'checklist',
        label,
        items: field.items.map((item) => ({
          label: localize(item.label, locale),
          checked: checked[item.id] === true,
        })),
      };
    }
    default:
      return { kind: 'field', label, text: typeof value === 'string' ? value : cellText(value) };
  }
}

/** Values with no template to describe them: labels are the field ids, shapes guessed from the value. */
function untypedBlock(id: string, value: FieldValue, provenance: ExportProvenance[]): ExportBlock {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    if ('type' in value && value.type === 'doc')
      return {
        kind: 'rich',
        label: id,
        paragraphs: richParagraphs(value as { content?: RichNode[] }, provenance, id),
      };
    if ('rows' in value && Array.isArray(value.rows)) {
      const rows = value.rows as Array<Record<string, unknown>>;
      const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
      return {
        kind: 'table',
        id,
        label: id,
        columns,
        rows: rows.map((r) => columns.map((c) => cellText(r[c]))),
      };
    }
    return {
      kind: 'checklist',
      label: id,
      items: Object.entries(value).map(([k, v]) => ({ label: k, checked: v === true })),
    };
  }
  return { kind: 'field', label: id, text: Array.isArray(value) ? value.join(', ') : cellText(value) };
}

/** The demo documents' body: `{ sections: [{ title, text }] }`. */
function legacySections(body: unknown): ExportSection[] {
  const sections = (body as { sections?: unknown } | null)?.sections;
  if (!Array.isArray(sections)) return [];
  return sections.map((s: { title?: unknown; text?: unknown }) => ({
    title: String(s.title ?? ''),
    blocks: [
      {
        kind: 'rich' as const,
        label: '',
        paragraphs: String(s.text ?? '')
          .split(/\n{2,}/)
          .filter((t) => t.trim() !== '')
          .map((t) => ({ style: 'p' as const, runs: [{ text: t }] })),
      },
    ],
  }));
}

/** Flattens a loaded document for the exporters. */
export function toExportDocument(doc: LoadedDocument, locale: Locale = 'en'): ExportDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(doc.body);
  } catch {
    parsed = undefined;
  }
  const base = {
    id: doc.id,
    title: doc.title,
    templateId: doc.templateId,
    templateName: doc.template ? localize(doc.template.name, locale) : doc.templateId,
    industry: doc.industry,
    classification: doc.classification,
    version: doc.version,
    updatedAt: doc.updatedAt,
    ...(doc.subjectId && { subjectId: doc.subjectId }),
  };
  const content = DocumentContent.safeParse(parsed);
  if (!content.success) {
    return { ...base, sections: legacySections(parsed), signatures: [], provenance: [], values: {} };
  }
  const c = content.data;
  const provenance: ExportProvenance[] = [];
  let sections: ExportSection[];
  if (doc.template) {
    sections = doc.template.sections.map((section) => ({
      title: localize(section.title, locale),
      blocks: section.fields
        .map((field) => fieldBlock(field, c.values[field.id], locale, provenance))
        .filter((b): b is ExportBlock => b !== undefined),
    }));
  } else {
    sections = [
      { title: '', blocks: Object.entries(c.values).map(([id, v]) => untypedBlock(id, v, provenance)) },
    ];
  }
  for (const [fieldId, p] of Object.entries(c.provenance ?? {})) provenance.push({ ...p, field: fieldId });
  return {
    ...base,
    owner: c.owner,
    sections,
    signatures: (c.signatures ?? []).map((s) => ({
      name: s.signer,
      at: s.at,
      meaning: s.meaning,
      version: s.version,
    })),
    provenance,
    values: c.values,
  };
}
