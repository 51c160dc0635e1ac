import { createHash } from 'node:crypto';
import { AppError } from '../../../../common/errors';
import type { ExportDocument } from '../export-model';
import { paragraphText } from '../export-model';
import { fhirR4SubsetSchema } from './fhir-r4-subset.schema';
import { validateJson } from './json-schema-lite';

/** LOINC document types (the Composition.type the spec asks for) of the clinical templates. */
const LOINC_BY_TEMPLATE: Record<string, { code: string; display: string }> = {
  'healthcare.soap-note': { code: '11506-3', display: 'Progress note' },
  'healthcare.discharge-summary': { code: '18842-5', display: 'Discharge summary' },
  'healthcare.referral-letter': { code: '57133-1', display: 'Referral note' },
  'healthcare.patient-education': { code: '34895-3', display: 'Education note' },
};

/** HL7 v3 Confidentiality codes for the vault's classifications. */
const CONFIDENTIALITY = { public: 'U', internal: 'L', confidential: 'R', phi: 'R' } as const;

const xhtml = (text: string) =>
  `<div xmlns="http://www.w3.org/1999/xhtml">${text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</div>`;

/** A stable urn:uuid from a name, so the same document version always exports the same ids. */
function uuidFrom(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

function sectionText(doc: ExportDocument, index: number): string {
  return doc.sections[index]!.blocks.map((b) => {
    switch (b.kind) {
      case 'field':
        return `${b.label}: ${b.text}`;
      case 'rich':
        return [b.label, ...b.paragraphs.map(paragraphText)].filter(Boolean).join('\n');
      case 'table':
        return [b.label, b.columns.join(' | '), ...b.rows.map((r) => r.join(' | '))].join('\n');
      case 'checklist':
        return [b.label, ...b.items.map((i) => `[${i.checked ? 'x' : ' '}] ${i.label}`)].join('\n');
    }
  }).join('\n');
}

/** What a clinical document lacks for a FHIR document bundle, in words; empty when complete. */
export function missingForFhir(doc: ExportDocument): string[] {
  const missing: string[] = [];
  if (doc.industry !== 'healthcare')
    missing.push('a clinical document (FHIR export is for healthcare documents only)');
  if (!doc.title.trim()) missing.push('Composition.title (the document title)');
  if (!LOINC_BY_TEMPLATE[doc.templateId])
    missing.push(`Composition.type (no LOINC document type is known for template "${doc.templateId}")`);
  if (!doc.subjectId) missing.push('Composition.subject (the patient this document is about)');
  if (!doc.owner && !doc.signatures.some((s) => s.meaning === 'author'))
    missing.push('Composition.author (an author: the owner or an author signature)');
  if (doc.sections.length === 0) missing.push('Composition.section (the document has no content)');
  return missing;
}

/**
 * A FHIR R4 document Bundle: Composition first (bdl-11), then the DocumentReference indexing it
 * (with the Markdown rendering as the attachment), the Patient and the Practitioners it references.
 * Refuses — listing every missing element — rather than emitting an invalid document, and validates
 * its own output against the subset schema before it leaves.
 */
export function buildFhirBundle(
  doc: ExportDocument,
  options: { exportedAt: string; markdown: string },
): Record<string, unknown> {
  const missing = missingForFhir(doc);
  if (missing.length > 0) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `This document cannot be exported as FHIR: it is missing ${missing.join('; ')}.`,
      {
        field: 'format',
        details: { missing: missing.join('; ') },
      },
    );
  }
  const type = LOINC_BY_TEMPLATE[doc.templateId]!;
  const key = `${doc.id}@${doc.version}`;
  const ids = {
    bundle: uuidFrom(`bundle:${key}`),
    composition: uuidFrom(`composition:${key}`),
    reference: uuidFrom(`docref:${key}`),
    patient: uuidFrom(`patient:${doc.subjectId}`),
  };
  const people = new Map<string, string>();
  const practitioner = (name: string) => {
    let id = people.get(name);
    if (!id) {
      id = uuidFrom(`practitioner:${name}`);
      people.set(name, id);
    }
    return { reference: `urn:uuid:${id}`, display: name };
  };
  const authorName = doc.signatures.find((s) => s.meaning === 'author')?.name ?? doc.owner!;
  const typeConcept = {
    coding: [{ system: 'http://loinc.org', code: type.code, display: type.display }],
    text: doc.templateName,
  };
  const patientRef = { reference: `urn:uuid:${ids.patient}`, type: 'Patient' };
  const signed = doc.signatures.length > 0;
  const composition = {
    resourceType: 'Composition',
    identifier: { system: 'urn:starring:document', value: key },
    status: signed ? 'final' : 'preliminary',
    type: typeConcept,
    subject: patientRef,
    date: doc.updatedAt,
    author: [practitioner(authorName)],
    title: doc.title,
    confidentiality: CONFIDENTIALITY[doc.classification],
    ...(signed && {
      attester: doc.signatures.map((s) => ({
        mode: s.meaning === 'approver' ? 'legal' : s.meaning === 'reviewer' ? 'professional' : 'personal',
        time: s.at,
        party: practitioner(s.name),
      })),
    }),
    section: doc.sections.map((s, i) => ({
      ...(s.title && { title: s.title }),
      text: { status: 'generated', div: xhtml(sectionText(doc, i)) },
    })),
  };
  const markdown = Buffer.from(options.markdown, 'utf8');
  const documentReference = {
    resourceType: 'DocumentReference',
    masterIdentifier: { system: 'urn:starring:document', value: key },
    status: 'current',
    docStatus: signed ? 'final' : 'preliminary',
    type: typeConcept,
    subject: patientRef,
    date: options.exportedAt,
    author: [practitioner(authorName)],
    ...(signed && { authenticator: practitioner(doc.signatures[doc.signatures.length - 1]!.name) }),
    description: doc.title,
    content: [
      {
        attachment: {
          contentType: 'text/markdown; charset=utf-8',
          data: markdown.toString('base64'),
          size: markdown.length,
          hash: createHash('sha1').update(markdown).digest('base64'),
          title: `${doc.title}.md`,
          creation: options.exportedAt,
        },
      },
    ],
  };
  const bundle = {
    resourceType: 'Bundle',
    identifier: { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${ids.bundle}` },
    type: 'document',
    timestamp: options.exportedAt,
    entry: [
      { fullUrl: `urn:uuid:${ids.composition}`, resource: composition },
      { fullUrl: `urn:uuid:${ids.reference}`, resource: documentReference },
      {
        fullUrl: `urn:uuid:${ids.patient}`,
        resource: {
          resourceType: 'Patient',
          identifier: [{ system: 'urn:starring:subject', value: doc.subjectId! }],
        },
      },
      ...[...people].map(([name, id]) => ({
        fullUrl: `urn:uuid:${id}`,
        resource: { resourceType: 'Practitioner', name: [{ text: name }] },
      })),
    ],
  };
  const violations = validateJson(fhirR4SubsetSchema, bundle);
  if (violations.length > 0) {
    throw new AppError(
      'INVALID_ARGUMENT',
      `The FHIR bundle failed validation: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}.`,
      { field: 'format' },
    );
  }
  return bundle;
}
