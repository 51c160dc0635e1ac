import { describe, expect, it } from 'vitest';
import { plainToRichDoc, sanitizeRichDoc } from './rich-text';
import type { Template } from './template.schema';
import { computePassFail, tableOverall, validateValues } from './validate-content';

const template: Template = {
  schema: 'starring.template/1',
  id: 'test.qc',
  version: 1,
  industry: 'manufacturing',
  name: 'QC',
  description: 'test',
  classification: 'internal',
  sections: [
    {
      id: 'main',
      title: 'Main',
      fields: [
        {
          id: 'hr',
          type: 'number',
          label: 'Heart rate',
          unit: '/min',
          min: 10,
          max: 300,
          plausible: { min: 40, max: 150 },
          requiredBeforeSignOff: true,
        },
        {
          id: 'code',
          type: 'text',
          label: 'Code',
          rules: [{ kind: 'pattern', pattern: '^MP-[0-9]+$', message: 'Use MP-123.' }],
        },
        {
          id: 'dims',
          type: 'table',
          label: 'Dims',
          overallResult: true,
          columns: [
            { id: 'nominal', type: 'number', label: 'Nominal' },
            { id: 'minus', type: 'number', label: '−' },
            { id: 'plus', type: 'number', label: '+' },
            { id: 'measured', type: 'number', label: 'Measured' },
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
      ],
    },
  ],
};

const passfail =
  template.sections[0]!.fields[2]!.type === 'table' ? template.sections[0]!.fields[2] : undefined;

describe('validateValues', () => {
  it('flags out-of-range (error) and implausible (warning) numbers without changing them', () => {
    const values = { hr: 320 };
    expect(validateValues(template, values)).toEqual([
      expect.objectContaining({ fieldId: 'hr', severity: 'error', code: 'out_of_range' }),
    ]);
    expect(validateValues(template, { hr: 170 })).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'implausible' }),
    ]);
    expect(values.hr).toBe(320);
  });

  it('reports required fields only for sign-off, and pattern rules', () => {
    expect(validateValues(template, {})).toEqual([]);
    expect(validateValues(template, {}, { forSignOff: true })).toEqual([
      expect.objectContaining({ fieldId: 'hr', code: 'required' }),
    ]);
    expect(validateValues(template, { code: 'X1' })).toEqual([
      expect.objectContaining({ code: 'pattern', message: 'Use MP-123.' }),
    ]);
  });
});

describe('tolerance tables', () => {
  it('computes pass/fail per row (boundaries included) and overall', () => {
    if (passfail?.type !== 'table') throw new Error('fixture');
    const col = passfail.columns[4];
    if (col?.type !== 'passfail') throw new Error('fixture');
    expect(computePassFail(col, { nominal: 10, minus: 0.05, plus: 0.05, measured: 10.05 })).toBe('pass');
    expect(computePassFail(col, { nominal: 10, minus: 0.05, plus: 0.05, measured: 9.94 })).toBe('fail');
    expect(computePassFail(col, { nominal: 10, minus: 0.05, plus: 0.05, measured: null })).toBeNull();
    const rows = [
      { nominal: 25, minus: 0, plus: 0.021, measured: 25.01 },
      { nominal: 120, minus: 0.1, plus: 0.1, measured: 120.3 },
    ];
    expect(tableOverall(passfail, { rows })).toBe('fail');
    expect(tableOverall(passfail, { rows: [rows[0]!] })).toBe('pass');
    expect(tableOverall(passfail, { rows: [{ nominal: 1 }] })).toBeNull();
  });
});

describe('rich text', () => {
  it('keeps allowed nodes and provenance marks, drops the rest', () => {
    const doc = plainToRichDoc('Hello', [
      { type: 'aiProvenance', attrs: { model: 'm', packSha256: 'x', provider: 'local', at: 't', evil: 'y' } },
    ]);
    const { doc: clean, removed } = sanitizeRichDoc(doc);
    expect(JSON.stringify(clean)).toContain('"aiProvenance"');
    expect(JSON.stringify(clean)).not.toContain('evil');
    expect(removed).toBe(0);
  });
});
