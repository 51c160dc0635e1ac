/** Renders an {@link EvalReport} as the fixed-width table `starring phi eval` prints. */
import { PHI_TYPES } from '../phi/phi.types';
import type { EvalReport, TypeScores } from './phi-evaluator';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);

/** The report as lines of text: a header, one row per type present, and the overall row. */
export function formatReport(report: EvalReport, title: string): string[] {
  const lines = [
    title,
    `${report.notes} notes, ${report.characters.toLocaleString('en-US')} characters, ${report.overall.gold} gold spans.`,
    'strict = same start, end and type; overlap = same type and at least one shared character.',
    '',
    `${'type'.padEnd(12)} ${'gold'.padStart(5)} ${'pred'.padStart(5)}   strict P  strict R  strict F1   overlap P overlap R`,
  ];
  const row = (name: string, s: TypeScores): string =>
    `${name.padEnd(12)} ${String(s.gold).padStart(5)} ${String(s.predicted).padStart(5)}   ${pct(s.strict.precision)}   ${pct(s.strict.recall)}   ${pct(s.strict.f1)}     ${pct(s.overlap.precision)}   ${pct(s.overlap.recall)}`;
  for (const type of PHI_TYPES) {
    const scores = report.perType[type];
    if (scores.gold > 0 || scores.predicted > 0) lines.push(row(type, scores));
  }
  lines.push('-'.repeat(88), row('overall', report.overall), '');
  lines.push(
    `masked (gold spans overlapped by a prediction of any type): ${pct(report.maskedRecall).trim()}`,
  );
  for (const error of report.errors)
    lines.push(`  ${error.kind.padEnd(8)} ${error.span.type.padEnd(11)} ${error.note}  ${error.context}`);
  return lines;
}
