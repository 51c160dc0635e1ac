import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../common/errors';
import { renderMarkdown } from '../markdown';
import { qcLoaded, soapLoaded } from '../test-fixtures';
import { toExportDocument } from '../to-export-model';
import { buildFhirBundle } from './fhir-bundle';
import { fhirR4SubsetSchema } from './fhir-r4-subset.schema';
import { validateJson } from './json-schema-lite';

const exportedAt = '2026-12-06T05:00:00.000Z';
type Entry = { fullUrl: string; resource: Record<string, unknown> & { resourceType: string } };

function build(loaded = soapLoaded) {
  const doc = toExportDocument(loaded);
  return buildFhirBundle(doc, { exportedAt, markdown: renderMarkdown(doc, exportedAt) }) as {
    entry: Entry[];
  } & Record<string, unknown>;
}

/** Every `reference` anywhere in a resource. */
function references(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => references(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'reference' && typeof v === 'string') out.push(v);
      else references(v, out);
    }
  }
  return out;
}

describe('FHIR R4 document bundle', () => {
  it('validates against the R4 subset schema', () => {
    expect(validateJson(fhirR4SubsetSchema, build())).toEqual([]);
  });

  it('meets the document-bundle invariants (bdl-9, bdl-10, bdl-11, bdl-7) and resolves every reference inside the bundle', () => {
    const bundle = build();
    expect(bundle.type).toBe('document');
    expect(bundle.identifier).toMatchObject({ system: 'urn:ietf:rfc:3986' });
    expect(bundle.timestamp).toBe(exportedAt);
    expect(bundle.entry[0]!.resource.resourceType).toBe('Composition');
    const urls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(urls).size).toBe(urls.length);
    for (const ref of references(bundle.entry)) expect(urls).toContain(ref);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual([
      'Composition',
      'DocumentReference',
      'Patient',
      'Practitioner',
    ]);
  });

  it('maps the signed clinical note: LOINC type, final status, attester, confidentiality, sections, the Markdown attachment', () => {
    const [composition, reference] = build().entry.map((e) => e.resource);
    expect(composition).toMatchObject({
      status: 'final',
      type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
      title: 'SOAP note — follow-up | "diabetes"',
      confidentiality: 'R',
      attester: [{ mode: 'personal', time: '2026-12-01T10:15:00.000Z' }],
    });
    const sections = composition!.section as Array<{ title: string; text: { div: string } }>;
    expect(sections.map((s) => s.title)).toEqual(['Subjective', 'Objective', 'Sign-off']);
    expect(sections[1]!.text.div).toContain('Systolic BP: 128 mmHg');
    const attachment = (
      reference!.content as Array<{ attachment: { data: string; contentType: string } }>
    )[0]!.attachment;
    expect(attachment.contentType).toBe('text/markdown; charset=utf-8');
    expect(Buffer.from(attachment.data, 'base64').toString('utf8')).toContain('# SOAP note');
  });

  it('is deterministic for the same version', () => {
    expect(JSON.stringify(build())).toBe(JSON.stringify(build()));
  });

  it('refuses a document with missing required fields, listing every one', () => {
    const content = JSON.parse(soapLoaded.body) as Record<string, unknown>;
    delete content.signatures;
    content.owner = 'x';
    const loaded = {
      ...soapLoaded,
      subjectId: undefined,
      templateId: 'healthcare.unknown-note',
      body: JSON.stringify(content),
    };
    let error: unknown;
    try {
      build({ ...loaded, title: '  ' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const message = (error as AppError).message;
    expect(message).toMatch(/cannot be exported as FHIR: it is missing/);
    expect(message).toContain('Composition.title');
    expect(message).toContain(
      'Composition.type (no LOINC document type is known for template "healthcare.unknown-note")',
    );
    expect(message).toContain('Composition.subject (the patient');
    expect((error as AppError).code).toBe('INVALID_ARGUMENT');
  });

  it('refuses non-clinical documents', () => {
    expect(() => build(qcLoaded)).toThrow(/FHIR export is for healthcare documents only/);
  });

  it('the schema catches what R4 requires: a Composition without status, type or author, a bad code, an unknown element', () => {
    const bundle = build();
    const composition = bundle.entry[0]!.resource;
    delete composition.status;
    delete composition.type;
    composition.author = [];
    (bundle.entry[1]!.resource as Record<string, unknown>).status = 'draft';
    (bundle as Record<string, unknown>).colour = 'blue';
    const problems = validateJson(fhirR4SubsetSchema, bundle).map((v) => `${v.path} ${v.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '$.entry[0].resource.status is required',
        '$.entry[0].resource.type is required',
        '$.entry[0].resource.author needs at least 1 item(s)',
        '$.entry[1].resource.status must be one of "current", "superseded", "entered-in-error"',
        '$.colour is not allowed here',
      ]),
    );
  });
});
