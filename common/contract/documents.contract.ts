/**
 * Documents created from templates: create, open, save (every save a version), versions, diff,
 * restore, sign, amend; and the templates they come from. The model itself (template format,
 * content, signatures) lives in common/documents — export and search build on the same types.
 */
import { z } from 'zod';
import {
  DocumentContent,
  DocumentEdit,
  INDUSTRIES,
  ISSUE_CODES,
  Localized,
  MAX_DOCUMENT_BYTES,
  Signature,
  SignatureMeaning,
  Template,
} from '../documents';
import { channel } from './define';
import { Classification, Industry } from './workspace.contract';

const DocId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'a document id');
const VersionNo = z.number().int().positive();

export const TemplateListItem = z.strictObject({
  id: z.string(),
  /** The English name (kept for lists that show one string). */
  name: z.string(),
  label: Localized,
  description: Localized,
  industry: z.enum(INDUSTRIES),
  version: z.number().int().positive(),
  classification: Classification,
  /** Section titles, for the gallery's preview. */
  sections: z.array(Localized),
  fieldCount: z.number().int().nonnegative(),
  /** Shipped with the app, or from the folder IT configured. */
  source: z.enum(['builtin', 'managed']),
});
export type TemplateListItem = z.infer<typeof TemplateListItem>;

export const ValidationIssueSchema = z.strictObject({
  fieldId: z.string(),
  path: z.string().optional(),
  severity: z.enum(['error', 'warning']),
  code: z.enum(ISSUE_CODES),
  message: z.string(),
});

/** A document as the editor, export and search see it: metadata, content and its checks. */
export const DocumentView = z.strictObject({
  id: z.string(),
  title: z.string(),
  templateId: z.string(),
  industry: Industry,
  classification: Classification,
  /** The version shown (the latest unless an older one was asked for). */
  version: VersionNo,
  latestVersion: VersionNo,
  updatedAt: z.string(),
  content: DocumentContent,
  /** The shown version carries a signature: no more saves; amend to change it. */
  locked: z.boolean(),
  /** Out-of-range values, broken rules (kept, not refused), and what sign-off still needs. */
  issues: z.array(ValidationIssueSchema),
});
export type DocumentView = z.infer<typeof DocumentView>;

export const DiffPart = z.strictObject({ kind: z.enum(['same', 'added', 'removed']), text: z.string() });
export type DiffPart = z.infer<typeof DiffPart>;

export const FieldChange = z.strictObject({
  fieldId: z.string(),
  label: Localized,
  section: Localized,
  parts: z.array(DiffPart),
  wordsAdded: z.number().int().nonnegative(),
  wordsRemoved: z.number().int().nonnegative(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const VersionItem = z.strictObject({
  version: VersionNo,
  title: z.string(),
  bytes: z.number().int().nonnegative(),
  createdAt: z.string(),
});

export const documentsContract = {
  'templates.list': channel({
    summary: 'Templates available for new documents, by industry.',
    request: z.strictObject({ industry: Industry.optional() }),
    reply: z.strictObject({
      items: z.array(TemplateListItem),
      /** Template files that were refused, with the path of each mistake (for IT). */
      problems: z.array(z.strictObject({ file: z.string(), message: z.string() })),
    }),
  }),
  'templates.get': channel({
    summary: 'One template in full.',
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    reply: z.strictObject({ template: Template, source: z.enum(['builtin', 'managed']) }),
  }),
  'documents.create': channel({
    summary: 'Creates a document from a template (version 1).',
    request: z.strictObject({
      templateId: z.string().min(1).max(64),
      title: z.string().min(1).max(300).optional(),
      subjectId: z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/)
        .optional(),
    }),
    reply: DocumentView,
    audited: true,
  }),
  'documents.get': channel({
    summary: 'A document (its latest version, or the version asked for).',
    request: z.strictObject({ id: DocId, version: VersionNo.optional() }),
    reply: DocumentView,
    // Reading a record is an access HIPAA §164.312(b) expects to see in the log.
    audited: true,
  }),
  'documents.save': channel({
    summary:
      'Saves an edit as a new version. `baseVersion` is the version the edit started from: on a stale base, ' +
      'changes to different fields merge; the same field changed on both sides is a CONFLICT.',
    request: z.strictObject({
      id: DocId,
      baseVersion: VersionNo,
      edit: DocumentEdit,
    }),
    reply: z.strictObject({
      document: DocumentView,
      /** Fields taken from versions saved since the base (another window's edits). */
      mergedFields: z.array(z.string()),
      /** Nodes, marks or attributes outside the rich-text allowlist that were dropped. */
      sanitized: z.number().int().nonnegative(),
    }),
    // Every save is a version, so the log gets one entry per version, not per keystroke.
    audited: true,
  }),
  'documents.versions': channel({
    summary: "A document's versions, oldest first.",
    request: z.strictObject({ id: DocId }),
    reply: z.strictObject({ items: z.array(VersionItem) }),
  }),
  'documents.diff': channel({
    summary: 'What changed between two versions, per field, word by word.',
    request: z.strictObject({ id: DocId, from: VersionNo, to: VersionNo }),
    reply: z.strictObject({ changes: z.array(FieldChange), titleChanged: z.boolean() }),
  }),
  'documents.restore': channel({
    summary: "Restores an older version's content as a new version (nothing is rewritten).",
    request: z.strictObject({ id: DocId, version: VersionNo, baseVersion: VersionNo }),
    reply: DocumentView,
    audited: true,
  }),
  'documents.sign': channel({
    summary:
      'Signs the latest version with a meaning after re-entry of the vault passphrase; the signed version is locked.',
    request: z.strictObject({
      id: DocId,
      /** The version the signer saw: signing refuses if the document moved on. */
      version: VersionNo,
      meaning: SignatureMeaning,
      passphrase: z.string().min(1).max(1024),
    }),
    reply: z.strictObject({ document: DocumentView, signature: Signature }),
    audited: true,
  }),
  'documents.readability': channel({
    summary:
      'Flesch–Kincaid grade of a text (English); Chinese gets a character measure instead of a fake grade.',
    request: z.strictObject({ text: z.string().max(200_000) }),
    reply: z.strictObject({
      applicable: z.boolean(),
      gradeLevel: z.number().optional(),
      readingEase: z.number().optional(),
      words: z.number().int().nonnegative().optional(),
      sentences: z.number().int().nonnegative().optional(),
      /** Why there is no grade (Chinese text, no words). */
      reason: z.string().optional(),
      hanCharactersPerSentence: z.number().optional(),
    }),
  }),
  'documents.amend': channel({
    summary:
      'Starts an amendment of a signed document: a new, editable version that references the signed one.',
    request: z.strictObject({ id: DocId }),
    reply: DocumentView,
    audited: true,
  }),
};

/** Exported for the editor: the save limit, so it can refuse an oversize paste first. */
export const DOCUMENT_LIMITS = { maxDocumentBytes: MAX_DOCUMENT_BYTES } as const;
