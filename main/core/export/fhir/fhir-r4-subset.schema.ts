import type { JsonSchema } from './json-schema-lite';

/**
 * A FAITHFUL SUBSET of the FHIR R4 (4.0.1) JSON schema, written by hand from the specification's
 * resource pages (https://hl7.org/fhir/R4/bundle.html, composition.html, documentreference.html,
 * patient.html, practitioner.html, datatypes.html) because the official fhir.schema.json cannot be
 * downloaded here. It covers the elements this app emits, with the spec's cardinalities (min 1 →
 * `required`, max 1 → a single value, max * → an array), its value sets for the required-binding
 * codes (status, Bundle.type, attester mode, Narrative status) and its primitive regexes (id, uri,
 * dateTime, instant, base64Binary). Unlike the official schema it is closed (additionalProperties
 * false) over the elements listed, so a typo fails instead of passing silently. Invariants that
 * need FHIRPath (e.g. bdl-9..11 for document bundles) are checked in fhir-bundle.test.ts.
 */
const dateTime =
  '^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?$';
const instant =
  '^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)-(0[1-9]|1[0-2])-(0[1-9]|[1-2][0-9]|3[0-1])T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))$';
const str: JsonSchema = { type: 'string', minLength: 1, pattern: '^[ \\r\\n\\t\\S]+$' };
const uri: JsonSchema = { type: 'string', pattern: '^\\S*$' };
const code: JsonSchema = { type: 'string', pattern: '^[^\\s]+(\\s[^\\s]+)*$' };
const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const arr = (item: JsonSchema, minItems?: number): JsonSchema => ({
  type: 'array',
  items: item,
  ...(minItems !== undefined && { minItems }),
});
const obj = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const resourceBase = {
  id: { type: 'string', pattern: '^[A-Za-z0-9\\-\\.]{1,64}$' } as JsonSchema,
  meta: ref('Meta'),
};

export const fhirR4SubsetSchema: JsonSchema = {
  description: 'FHIR R4 subset: Bundle (document), Composition, DocumentReference, Patient, Practitioner.',
  ...ref('Bundle'),
  definitions: {
    Meta: obj({ lastUpdated: { type: 'string', pattern: instant }, profile: arr(uri) }),
    Coding: obj({ system: uri, version: str, code, display: str }),
    CodeableConcept: obj({ coding: arr(ref('Coding')), text: str }),
    Identifier: obj({
      use: { enum: ['usual', 'official', 'temp', 'secondary', 'old'] },
      system: uri,
      value: str,
    }),
    Reference: obj({ reference: str, type: uri, identifier: ref('Identifier'), display: str }),
    HumanName: obj({
      use: { enum: ['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden'] },
      text: str,
      family: str,
      given: arr(str),
    }),
    // Narrative: status 1..1, div 1..1 (xhtml with the XHTML namespace).
    Narrative: obj(
      {
        status: { enum: ['generated', 'extensions', 'additional', 'empty'] },
        div: { type: 'string', pattern: '^<div xmlns="http://www.w3.org/1999/xhtml"[\\s\\S]*</div>$' },
      },
      ['status', 'div'],
    ),
    Attachment: obj({
      contentType: code,
      language: code,
      data: { type: 'string', pattern: '^(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+$' },
      url: uri,
      size: { type: 'integer' },
      hash: { type: 'string', pattern: '^(\\s*([0-9a-zA-Z\\+/=]){4}\\s*)+$' },
      title: str,
      creation: { type: 'string', pattern: dateTime },
    }),
    Patient: obj(
      {
        resourceType: { const: 'Patient' },
        ...resourceBase,
        identifier: arr(ref('Identifier')),
        active: { type: 'boolean' },
        name: arr(ref('HumanName')),
      },
      ['resourceType'],
    ),
    Practitioner: obj(
      {
        resourceType: { const: 'Practitioner' },
        ...resourceBase,
        identifier: arr(ref('Identifier')),
        active: { type: 'boolean' },
        name: arr(ref('HumanName')),
      },
      ['resourceType'],
    ),
    // Composition: status 1..1, type 1..1, date 1..1, author 1..*, title 1..1.
    Composition_Attester: obj(
      {
        mode: { enum: ['personal', 'professional', 'legal', 'official'] },
        time: { type: 'string', pattern: dateTime },
        party: ref('Reference'),
      },
      ['mode'],
    ),
    Composition_Section: obj({
      title: str,
      code: ref('CodeableConcept'),
      author: arr(ref('Reference')),
      text: ref('Narrative'),
      section: arr(ref('Composition_Section')),
    }),
    Composition: obj(
      {
        resourceType: { const: 'Composition' },
        ...resourceBase,
        text: ref('Narrative'),
        identifier: ref('Identifier'),
        status: { enum: ['preliminary', 'final', 'amended', 'entered-in-error'] },
        type: ref('CodeableConcept'),
        category: arr(ref('CodeableConcept')),
        subject: ref('Reference'),
        date: { type: 'string', pattern: dateTime },
        author: arr(ref('Reference'), 1),
        title: str,
        confidentiality: { enum: ['U', 'L', 'M', 'N', 'R', 'V'] },
        attester: arr(ref('Composition_Attester')),
        custodian: ref('Reference'),
        section: arr(ref('Composition_Section')),
      },
      ['resourceType', 'status', 'type', 'date', 'author', 'title'],
    ),
    // DocumentReference: status 1..1, content 1..* (attachment 1..1).
    DocumentReference_Content: obj({ attachment: ref('Attachment'), format: ref('Coding') }, ['attachment']),
    DocumentReference_RelatesTo: obj(
      { code: { enum: ['replaces', 'transforms', 'signs', 'appends'] }, target: ref('Reference') },
      ['code', 'target'],
    ),
    DocumentReference: obj(
      {
        resourceType: { const: 'DocumentReference' },
        ...resourceBase,
        masterIdentifier: ref('Identifier'),
        identifier: arr(ref('Identifier')),
        status: { enum: ['current', 'superseded', 'entered-in-error'] },
        docStatus: { enum: ['preliminary', 'final', 'amended', 'entered-in-error'] },
        type: ref('CodeableConcept'),
        category: arr(ref('CodeableConcept')),
        subject: ref('Reference'),
        date: { type: 'string', pattern: instant },
        author: arr(ref('Reference')),
        authenticator: ref('Reference'),
        relatesTo: arr(ref('DocumentReference_RelatesTo')),
        description: str,
        securityLabel: arr(ref('CodeableConcept')),
        content: arr(ref('DocumentReference_Content'), 1),
      },
      ['resourceType', 'status', 'content'],
    ),
    Bundle_Entry: obj({
      fullUrl: uri,
      resource: {
        oneOf: [ref('Composition'), ref('DocumentReference'), ref('Patient'), ref('Practitioner')],
      },
    }),
    // Bundle: type 1..1; a document bundle also needs identifier and timestamp (bdl-9, bdl-10).
    Bundle: obj(
      {
        resourceType: { const: 'Bundle' },
        ...resourceBase,
        identifier: ref('Identifier'),
        type: {
          enum: [
            'document',
            'message',
            'transaction',
            'transaction-response',
            'batch',
            'batch-response',
            'history',
            'searchset',
            'collection',
          ],
        },
        timestamp: { type: 'string', pattern: instant },
        entry: arr(ref('Bundle_Entry')),
      },
      ['resourceType', 'type'],
    ),
  },
};
