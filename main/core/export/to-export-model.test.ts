import { describe, expect, it } from 'vitest';
import { qcLoaded, soapLoaded } from './test-fixtures';
import { toExportDocument } from './to-export-model';

describe('toExportDocument', () => {
  it('lays out template sections with units, choice labels, AI provenance and signatures', () => {
    const doc = toExportDocument(soapLoaded);
    expect(doc.sections.map((s) => s.title)).toEqual(['Subjective', 'Objective', 'Sign-off']);
    expect(doc.sections[1]!.blocks).toEqual([
      { kind: 'field', label: 'Systolic BP', text: '128 mmHg' },
      { kind: 'field', label: 'Smoker', text: 'No' },
    ]);
    expect(doc.sections[2]!.blocks).toEqual([]);
    expect(doc.provenance).toEqual([
      {
        model: 'tiny-gpt2',
        packSha256: 'ab'.repeat(32),
        provider: 'local',
        at: '2026-12-01T09:00:00Z',
        field: 'History',
      },
    ]);
    expect(doc.signatures).toEqual([
      { name: 'Dr. Lin Wei', at: '2026-12-01T10:15:00.000Z', meaning: 'author', version: 2 },
    ]);
    expect(doc.owner).toBe('Dr. Lin Wei');
  });

  it('uses zh-CN labels when asked', () => {
    const doc = toExportDocument(soapLoaded, 'zh-CN');
    expect(doc.sections[0]!.title).toBe('主观资料');
    expect(doc.templateName).toBe('SOAP 病程记录');
  });

  it('computes pass/fail per row and overall for tolerance tables', () => {
    const table = toExportDocument(qcLoaded).sections[0]!.blocks[0]!;
    expect(table).toMatchObject({
      kind: 'table',
      columns: ['Feature', 'Nominal (mm)', 'Tol −', 'Tol +', 'Measured (mm)', 'Result'],
      overall: 'FAIL',
    });
    if (table.kind !== 'table') throw new Error('not a table');
    expect(table.rows.map((r) => r[5])).toEqual(['PASS', 'FAIL']);
  });

  it('reads the demo vault bodies (titled sections of text)', () => {
    const doc = toExportDocument({
      ...soapLoaded,
      template: undefined,
      body: JSON.stringify({
        type: 'starring-document',
        sections: [{ title: 'Plan', text: 'Recheck.\n\nRefer.' }],
      }),
    });
    expect(doc.sections).toEqual([
      {
        title: 'Plan',
        blocks: [
          {
            kind: 'rich',
            label: '',
            paragraphs: [
              { style: 'p', runs: [{ text: 'Recheck.' }] },
              { style: 'p', runs: [{ text: 'Refer.' }] },
            ],
          },
        ],
      },
    ]);
  });
});
