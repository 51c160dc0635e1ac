import { describe, expect, it } from 'vitest';
import type { PhiSpan } from '../phi/phi.types';
import type { AnnotatedNote } from './note-builder';
import { evaluate } from './phi-evaluator';

const note: AnnotatedNote = {
  id: 'n1',
  kind: 'test',
  text: 'Dr. John Smith saw Ann on 3/14/2025 at 555-0100.',
  spans: [
    { start: 4, end: 14, type: 'NAME', text: 'John Smith' },
    { start: 19, end: 22, type: 'NAME', text: 'Ann' },
    { start: 26, end: 35, type: 'DATE', text: '3/14/2025' },
    { start: 39, end: 47, type: 'PHONE', text: '555-0100' },
  ],
};

describe('evaluate', () => {
  it('scores strict and overlap matches separately', () => {
    const predicted: PhiSpan[] = [
      { start: 9, end: 14, type: 'NAME' }, // overlaps "John Smith" but not exact
      { start: 26, end: 35, type: 'DATE' }, // exact
      { start: 39, end: 47, type: 'ID' }, // right place, wrong type
      { start: 0, end: 2, type: 'NAME' }, // spurious
    ];
    const report = evaluate([note], () => predicted, 10);
    expect(report.overall.gold).toBe(4);
    expect(report.overall.predicted).toBe(4);
    expect(report.overall.strict.precision).toBeCloseTo(1 / 4);
    expect(report.overall.strict.recall).toBeCloseTo(1 / 4);
    expect(report.overall.overlap.precision).toBeCloseTo(2 / 4);
    expect(report.overall.overlap.recall).toBeCloseTo(2 / 4);
    expect(report.perType.NAME.overlap.recall).toBeCloseTo(1 / 2);
    expect(report.perType.PHONE.strict.recall).toBe(0);
    expect(report.maskedRecall).toBeCloseTo(3 / 4); // the phone is masked, as an ID
    expect(report.errors.map((e) => `${e.kind}:${e.span.type}`).sort()).toEqual([
      'missed:NAME',
      'missed:PHONE',
      'spurious:ID',
      'spurious:NAME',
    ]);
  });

  it('gives precision 1 when nothing is predicted and recall 1 when nothing is there', () => {
    const report = evaluate([{ ...note, spans: [] }], () => []);
    expect(report.overall.strict.precision).toBe(1);
    expect(report.overall.strict.recall).toBe(1);
  });
});
