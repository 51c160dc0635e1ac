/**
 * The document service: documents created from templates, stored in the vault. Every save is a
 * new vault version; two windows never overwrite each other (saves carry their base version and
 * merge field-wise); signing re-authenticates, records meaning and a hash of exactly what was
 * signed, and locks the document until someone amends it. Permissions and audit entries are the
 * router's job (policy: action-catalog.ts); this service only enforces the document's own rules.
 */
import { createHash } from 'node:crypto';
import type { DocumentView, FieldChange } from '../../../common/contract';
import {
  DocumentContent,
  DOCUMENT_FORMAT,
  MAX_DOCUMENT_BYTES,
  canonicalContent,
  formatBytes,
  initialValues,
  localize,
  plainToRichDoc,
  sanitizeRichDoc,
  templateFields,
  validateValues,
  type DocumentEdit,
  type RichDoc,
  type Signature,
  type SignatureMeaning,
  type Template,
} from '../../../common/documents';
import { AppError } from '../../../common/errors';
import type { Clock } from '../clock';
import type { DocumentFacts } from '../policy/entity-resolver';
import type { DocumentRecord, DocumentRepo, VersionInfo } from '../vault';
import { diffContents } from './document-diff';
import { mergeFields, mergeOne } from './field-merge';
import type { TemplateRegistry } from './template-registry';

export interface DocumentServiceDeps {
  /** The unlocked vault's documents (throws VAULT_LOCKED when locked). */
  repo: () => DocumentRepo;
  templates: TemplateRegistry;
  /** Re-authentication at signing: throws WRONG_PASSPHRASE (counted toward the unlock back-off). */
  verifyPassphrase: (passphrase: string) => Promise<void>;
  clock: Clock;
}

export interface SaveRequest {
  id: string;
  baseVersion: number;
  edit: DocumentEdit;
}

export interface DocumentService {
  create(
    input: { templateId: string; title?: string | undefined; subjectId?: string | undefined },
    actor: string,
  ): Promise<DocumentView>;
  get(id: string, version?: number): Promise<DocumentView>;
  save(
    input: SaveRequest,
    actor: string,
  ): Promise<{ document: DocumentView; mergedFields: string[]; sanitized: number }>;
  versions(id: string): Promise<VersionInfo[]>;
  diff(id: string, from: number, to: number): Promise<{ changes: FieldChange[]; titleChanged: boolean }>;
  restore(input: { id: string; version: number; baseVersion: number }, actor: string): Promise<DocumentView>;
  sign(
    input: { id: string; version: number; meaning: SignatureMeaning; passphrase: string },
    actor: string,
  ): Promise<{ document: DocumentView; signature: Signature }>;
  amend(id: string, actor: string): Promise<DocumentView>;
  /** What policy needs to know about a document (owner, state, classification). */
  facts(id: string): Promise<Omit<DocumentFacts, 'kind'> | undefined>;
}

/** SHA-256 of the canonical content: what a signature's `versionHash` names. */
export function contentHash(content: DocumentContent): string {
  return createHash('sha256').update(canonicalContent(content), 'utf8').digest('hex');
}

export function isLocked(content: DocumentContent): boolean {
  return (content.signatures?.length ?? 0) > 0;
}

/**
 * Documents saved before templates existed (the demo vault's `starring-document` bodies: titled
 * sections of text) are read into the template's fields by section title, so they open in the editor.
 */
function fromLegacyBody(json: unknown, template: Template, owner: string): DocumentContent | undefined {
  if (typeof json !== 'object' || json === null || (json as { type?: unknown }).type !== 'starring-document')
    return undefined;
  const sections = (json as { sections?: unknown }).sections;
  if (!Array.isArray(sections)) return undefined;
  const values: DocumentContent['values'] = initialValues(template);
  const textFields = templateFields(template).filter((f) => f.type === 'richtext' || f.type === 'text');
  const used = new Set<string>();
  const overflow: string[] = [];
  for (const s of sections as Array<{ title?: unknown; text?: unknown }>) {
    const title = typeof s.title === 'string' ? s.title.toLowerCase() : '';
    const text = typeof s.text === 'string' ? s.text : '';
    const section = template.sections.find((sec) => localize(sec.title, 'en').toLowerCase() === title);
    const field = section?.fields.find(
      (f) => (f.type === 'richtext' || f.type === 'text') && !used.has(f.id),
    );
    if (!field) {
      overflow.push(`${typeof s.title === 'string' ? s.title : ''}: ${text}`);
      continue;
    }
    used.add(field.id);
    values[field.id] = field.type === 'richtext' ? plainToRichDoc(text) : text;
  }
  const spare = textFields.find((f) => f.type === 'richtext' && !used.has(f.id));
  if (overflow.length && spare) values[spare.id] = plainToRichDoc(overflow.join('\n'));
  return {
    format: DOCUMENT_FORMAT,
    templateId: template.id,
    templateVersion: template.version,
    owner,
    values,
  };
}

export function createDocumentService(deps: DocumentServiceDeps): DocumentService {
  const { templates, clock } = deps;
  /** Operations on one document run one at a time (read latest → merge → write is not atomic). */
  const queues = new Map<string, Promise<unknown>>();
  const factsCache = new Map<string, Omit<DocumentFacts, 'kind'>>();

  function serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    queues.set(id, next);
    void next
      .finally(() => {
        if (queues.get(id) === next) queues.delete(id);
      })
      .catch(() => undefined);
    return next;
  }

  function templateOf(id: string): Template {
    const loaded = templates.get(id);
    if (!loaded) throw new AppError('NOT_FOUND', `No template "${id}" is installed on this device.`);
    return loaded.template;
  }

  function parseContent(record: DocumentRecord): DocumentContent {
    let json: unknown;
    try {
      json = JSON.parse(record.body);
    } catch {
      throw new AppError(
        'STORE_CORRUPT',
        `Version ${record.version} of document ${record.id} is not readable JSON.`,
      );
    }
    const parsed = DocumentContent.safeParse(json);
    if (parsed.success) return parsed.data;
    const legacy = templates.get(record.templateId);
    const converted = legacy ? fromLegacyBody(json, legacy.template, 'local-user') : undefined;
    if (converted) return converted;
    throw new AppError(
      'INVALID_ARGUMENT',
      `Document ${record.id} was not created from a template this app knows (${record.templateId}); it cannot be opened in the editor.`,
    );
  }

  function view(record: DocumentRecord, content: DocumentContent, latestVersion: number): DocumentView {
    const template = templates.get(content.templateId)?.template;
    const locked = isLocked(content);
    if (record.version === latestVersion) {
      factsCache.set(record.id, {
        id: record.id,
        classification: record.classification,
        owner: content.owner,
        industry: record.industry as DocumentView['industry'],
        state: locked ? 'signed' : 'draft',
      });
    }
    return {
      id: record.id,
      title: record.title,
      templateId: record.templateId,
      industry: record.industry as DocumentView['industry'],
      classification: record.classification,
      version: record.version,
      latestVersion,
      updatedAt: new Date(record.updatedAt).toISOString(),
      content,
      locked,
      issues: template ? validateValues(template, content.values) : [],
    };
  }

  async function latest(id: string): Promise<{ record: DocumentRecord; content: DocumentContent }> {
    const record = await deps.repo().get(id);
    return { record, content: parseContent(record) };
  }

  /** Drops rich-text markup outside the allowlist and refuses values of the wrong shape. */
  function cleanValues(
    template: Template,
    values: DocumentContent['values'],
  ): { values: DocumentContent['values']; sanitized: number } {
    let sanitized = 0;
    const out: DocumentContent['values'] = {};
    const fields = new Map(templateFields(template).map((f) => [f.id, f]));
    for (const [key, value] of Object.entries(values)) {
      const field = fields.get(key);
      if (!field)
        throw new AppError('INVALID_ARGUMENT', `The template has no field "${key}".`, {
          field: `edit.values.${key}`,
        });
      if (field.type === 'signature')
        throw new AppError('INVALID_ARGUMENT', `"${key}" is a signature block; sign the document instead.`, {
          field: `edit.values.${key}`,
        });
      if (
        field.type === 'richtext' &&
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        (value as RichDoc).type === 'doc'
      ) {
        const result = sanitizeRichDoc(value as RichDoc);
        sanitized += result.removed;
        out[key] = result.doc;
        continue;
      }
      out[key] = value;
    }
    const wrong = validateValues(template, out).find((i) => i.code === 'wrong_type');
    if (wrong)
      throw new AppError('INVALID_ARGUMENT', wrong.message, { field: `edit.values.${wrong.fieldId}` });
    return { values: out, sanitized };
  }

  async function write(
    record: DocumentRecord,
    title: string,
    content: DocumentContent,
  ): Promise<DocumentView> {
    const body = JSON.stringify(content);
    const bytes = Buffer.byteLength(body, 'utf8');
    if (bytes > MAX_DOCUMENT_BYTES) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `The document would be ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_DOCUMENT_BYTES)}. Attach large sources as files or paste a shorter excerpt.`,
        { details: { bytes, limit: MAX_DOCUMENT_BYTES } },
      );
    }
    const saved = await deps.repo().save({
      id: record.id,
      title,
      templateId: record.templateId,
      industry: record.industry,
      classification: record.classification,
      body,
      ...(record.subjectId && { subjectId: record.subjectId }),
    });
    const stored = await deps.repo().get(saved.id);
    return view(stored, content, stored.version);
  }

  return {
    async create(input, actor) {
      const template = templateOf(input.templateId);
      const content: DocumentContent = {
        format: DOCUMENT_FORMAT,
        templateId: template.id,
        templateVersion: template.version,
        owner: actor,
        values: initialValues(template),
      };
      const title =
        input.title ?? `${localize(template.name, 'en')} — ${clock.now().toISOString().slice(0, 10)}`;
      const saved = await deps.repo().save({
        title,
        templateId: template.id,
        industry: template.industry,
        classification: template.classification,
        body: JSON.stringify(content),
        ...(input.subjectId && { subjectId: input.subjectId }),
      });
      const record = await deps.repo().get(saved.id);
      return view(record, content, record.version);
    },

    async get(id, version) {
      const current = await deps.repo().get(id);
      const record =
        version === undefined || version === current.version
          ? current
          : await deps.repo().getVersion(id, version);
      if (record !== current) view(current, parseContent(current), current.version);
      return view(record, parseContent(record), current.version);
    },

    save(input, actor) {
      return serial(input.id, async () => {
        void actor;
        const { record, content } = await latest(input.id);
        if (isLocked(content))
          throw new AppError(
            'DOCUMENT_LOCKED',
            'This document is signed and locked. Amend it to make changes (the signed version is kept).',
          );
        if (input.baseVersion > record.version)
          throw new AppError(
            'INVALID_ARGUMENT',
            `Version ${input.baseVersion} does not exist yet (latest is ${record.version}).`,
            { field: 'baseVersion' },
          );
        const template = templateOf(content.templateId);
        const cleaned = cleanValues(template, input.edit.values);
        let values = cleaned.values;
        let title = input.edit.title ?? record.title;
        let provenance = input.edit.provenance ?? content.provenance;
        const mergedFields: string[] = [];
        if (input.baseVersion < record.version) {
          const baseRecord = await deps.repo().getVersion(input.id, input.baseVersion);
          const base = parseContent(baseRecord);
          const merged = mergeFields(base.values, content.values, values);
          const mergedTitle = mergeOne(baseRecord.title, record.title, title);
          if (!merged.ok || !mergedTitle.ok) {
            const fields = merged.ok ? ['title'] : merged.conflicts;
            const labels = fields.map((f) =>
              f === 'title'
                ? 'title'
                : localize(
                    template.sections.flatMap((s) => s.fields).find((x) => x.id === f)?.label ?? f,
                    'en',
                  ),
            );
            throw new AppError(
              'CONFLICT',
              `Someone saved version ${record.version} while you were editing version ${input.baseVersion}, and both changed: ${labels.join(', ')}. Reload to see their changes, then re-apply yours.`,
              { details: { latestVersion: record.version, fields: fields.join(',') } },
            );
          }
          values = merged.values;
          title = mergedTitle.value;
          mergedFields.push(...merged.fromLatest, ...(mergedTitle.fromLatest ? ['title'] : []));
          // Provenance follows the field it describes: from whichever side the field came.
          const mine = input.edit.provenance ?? {};
          const theirs = content.provenance ?? {};
          provenance = Object.fromEntries(
            Object.keys(values)
              .map((k) => [k, merged.fromLatest.includes(k) ? theirs[k] : mine[k]] as const)
              .filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== undefined),
          );
        }
        const next: DocumentContent = {
          format: DOCUMENT_FORMAT,
          templateId: content.templateId,
          templateVersion: content.templateVersion,
          owner: content.owner,
          values,
          ...(provenance && Object.keys(provenance).length > 0 && { provenance }),
          ...(content.amends && { amends: content.amends }),
        };
        // Nothing changed (an autosave after an undo): no new version.
        if (contentHash(next) === contentHash(content) && title === record.title)
          return {
            document: view(record, content, record.version),
            mergedFields,
            sanitized: cleaned.sanitized,
          };
        const document = await write(record, title, next);
        return { document, mergedFields, sanitized: cleaned.sanitized };
      });
    },

    async versions(id) {
      return deps.repo().versions(id);
    },

    async diff(id, from, to) {
      const [a, b] = [await deps.repo().getVersion(id, from), await deps.repo().getVersion(id, to)];
      const ca = parseContent(a);
      const cb = parseContent(b);
      return { changes: diffContents(templateOf(cb.templateId), ca, cb), titleChanged: a.title !== b.title };
    },

    restore(input, actor) {
      return serial(input.id, async () => {
        void actor;
        const { record, content } = await latest(input.id);
        if (isLocked(content))
          throw new AppError(
            'DOCUMENT_LOCKED',
            'This document is signed and locked. Amend it first, then restore.',
          );
        if (input.baseVersion !== record.version)
          throw new AppError(
            'CONFLICT',
            `The document changed (now version ${record.version}); reload before restoring.`,
            {
              details: { latestVersion: record.version },
            },
          );
        const old = await deps.repo().getVersion(input.id, input.version);
        const oldContent = parseContent(old);
        const next: DocumentContent = {
          format: DOCUMENT_FORMAT,
          templateId: oldContent.templateId,
          templateVersion: oldContent.templateVersion,
          owner: content.owner,
          values: oldContent.values,
          ...(oldContent.provenance && { provenance: oldContent.provenance }),
          ...(content.amends && { amends: content.amends }),
        };
        return write(record, old.title, next);
      });
    },

    sign(input, actor) {
      return serial(input.id, async () => {
        const { record, content } = await latest(input.id);
        if (input.version !== record.version)
          throw new AppError(
            'CONFLICT',
            `The document changed (now version ${record.version}); review it again before signing.`,
            {
              details: { latestVersion: record.version },
            },
          );
        const template = templateOf(content.templateId);
        const blocking = validateValues(template, content.values, { forSignOff: true }).filter(
          (i) => i.severity === 'error',
        );
        if (blocking.length)
          throw new AppError(
            'INVALID_ARGUMENT',
            `Cannot sign yet — ${blocking.length} problem(s): ${blocking.map((i) => i.message).join(' ')}`,
            { details: { fields: [...new Set(blocking.map((i) => i.fieldId))].join(',') } },
          );
        if (content.signatures?.some((s) => s.meaning === input.meaning && s.signer === actor))
          throw new AppError('INVALID_ARGUMENT', `You have already signed this version as ${input.meaning}.`);
        // Re-authentication last: a refused sign-off for missing fields should not count as a failed attempt.
        await deps.verifyPassphrase(input.passphrase);
        const signedVersion = content.signatures?.[0]?.version ?? record.version;
        const signature: Signature = {
          meaning: input.meaning,
          signer: actor,
          at: clock.now().toISOString(),
          version: signedVersion,
          versionHash: contentHash(content),
        };
        const next: DocumentContent = { ...content, signatures: [...(content.signatures ?? []), signature] };
        const document = await write(record, record.title, next);
        return { document, signature };
      });
    },

    amend(id, actor) {
      return serial(id, async () => {
        void actor;
        const { record, content } = await latest(id);
        if (!isLocked(content))
          throw new AppError(
            'INVALID_ARGUMENT',
            'Only a signed document needs an amendment; this one can be edited.',
          );
        const next: DocumentContent = {
          format: DOCUMENT_FORMAT,
          templateId: content.templateId,
          templateVersion: content.templateVersion,
          owner: content.owner,
          values: content.values,
          ...(content.provenance && { provenance: content.provenance }),
          amends: { version: record.version, versionHash: contentHash(content) },
        };
        return write(record, record.title, next);
      });
    },

    async facts(id) {
      const cached = factsCache.get(id);
      if (cached) return cached;
      try {
        const { record, content } = await latest(id);
        view(record, content, record.version);
        return factsCache.get(id);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
        if (error instanceof Error && 'code' in error && error.code === 'NOT_FOUND') return undefined;
        throw error;
      }
    },
  };
}
