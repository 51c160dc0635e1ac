/** TEST SUPPORT: a clinical and a manufacturing document in the editor's model, with templates. */
import type { DocumentContent, Template } from '../../../common/documents';
import type { LoadedDocument } from './to-export-model';

export const soapTemplate: Template = {
  schema: 'starring.template/1',
  id: 'healthcare.soap-note',
  version: 1,
  industry: 'healthcare',
  name: { en: 'SOAP progress note', 'zh-CN': 'SOAP 病程记录' },
  description: 'Progress note',
  classification: 'phi',
  sections: [
    {
      id: 'subjective',
      title: { en: 'Subjective', 'zh-CN': '主观资料' },
      fields: [{ id: 'complaint', type: 'richtext', label: { en: 'History', 'zh-CN': '病史' } }],
    },
    {
      id: 'objective',
      title: 'Objective',
      fields: [
        { id: 'bp', type: 'number', label: 'Systolic BP', unit: 'mmHg', min: 40, max: 300 },
        {
          id: 'smoker',
          type: 'choice',
          label: 'Smoker',
          options: [{ value: 'no', label: { en: 'No', 'zh-CN': '否' } }],
        },
      ],
    },
    {
      id: 'signoff',
      title: 'Sign-off',
      fields: [{ id: 'author', type: 'signature', label: 'Author', meaning: 'author' }],
    },
  ],
};

export const soapContent: DocumentContent = {
  format: 'starring.document/1',
  templateId: 'healthcare.soap-note',
  templateVersion: 1,
  owner: 'Dr. Lin Wei',
  values: {
    complaint: {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Improved energy on metformin 1000 mg BID. ' }],
        },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: '患者精神好转。',
              marks: [
                {
                  type: 'aiProvenance',
                  attrs: {
                    model: 'tiny-gpt2',
                    packSha256: 'ab'.repeat(32),
                    provider: 'local',
                    at: '2026-12-01T09:00:00Z',
                  },
                },
              ],
            },
          ],
        },
      ],
    },
    bp: 128,
    smoker: 'no',
  },
  signatures: [
    {
      meaning: 'author',
      signer: 'Dr. Lin Wei',
      at: '2026-12-01T10:15:00.000Z',
      version: 2,
      versionHash: 'c'.repeat(64),
    },
  ],
};

export const soapLoaded: LoadedDocument = {
  id: 'doc-soap-1',
  title: 'SOAP note — follow-up | "diabetes"',
  templateId: 'healthcare.soap-note',
  industry: 'healthcare',
  classification: 'phi',
  version: 2,
  updatedAt: '2026-12-01T10:15:00.000Z',
  subjectId: 'patient-10482',
  body: JSON.stringify(soapContent),
  template: soapTemplate,
};

export const qcTemplate: Template = {
  schema: 'starring.template/1',
  id: 'manufacturing.qc-inspection',
  version: 1,
  industry: 'manufacturing',
  name: 'QC inspection report',
  description: 'QC',
  classification: 'internal',
  sections: [
    {
      id: 'measurements',
      title: 'Measurements',
      fields: [
        {
          id: 'measurements',
          type: 'table',
          label: 'Measurements',
          overallResult: true,
          columns: [
            { id: 'feature', type: 'text', label: 'Feature' },
            { id: 'nominal', type: 'number', label: 'Nominal', unit: 'mm' },
            { id: 'minus', type: 'number', label: 'Tol −' },
            { id: 'plus', type: 'number', label: 'Tol +' },
            { id: 'measured', type: 'number', label: 'Measured', unit: 'mm' },
            {
              id: 'result',
              type: 'passfail',
              label: 'Result',
              measured: 'measured',
              nominal: 'nominal',
              tolMinus: 'minus',
              tolPlus: 'plus',
            },
          ],
        },
        {
          id: 'checks',
          type: 'checklist',
          label: 'Checks',
          items: [{ id: 'gauge', label: 'Gauge calibrated' }],
        },
      ],
    },
  ],
};

export const qcLoaded: LoadedDocument = {
  id: 'doc-qc-1',
  title: 'QC inspection — bracket B-17',
  templateId: 'manufacturing.qc-inspection',
  industry: 'manufacturing',
  classification: 'internal',
  version: 1,
  updatedAt: '2026-12-02T08:00:00.000Z',
  body: JSON.stringify({
    format: 'starring.document/1',
    templateId: 'manufacturing.qc-inspection',
    templateVersion: 1,
    owner: 'eng.zhao',
    values: {
      measurements: {
        rows: [
          { feature: 'Hole Ø, "A"', nominal: 10, minus: 0.1, plus: 0.1, measured: 10.05 },
          { feature: '=HYPERLINK("x")', nominal: 20, minus: 0.2, plus: 0.2, measured: 20.5 },
        ],
      },
      checks: { gauge: true },
    },
  } satisfies DocumentContent),
  template: qcTemplate,
};
