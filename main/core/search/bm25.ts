/**
 * Okapi BM25 computed from FTS4's `matchinfo(fts, 'pcnalx')`. sql.js ships FTS4 only (no FTS5 and
 * its built-in bm25()), and FTS4's own answer, `matchinfo`, gives every statistic BM25 needs per
 * row: phrase and column counts, the document count, average and current column lengths, and per
 * phrase and column the hits in this row and the number of rows with a hit. Scoring in JavaScript
 * over those integers costs about a microsecond per hit, far below the MATCH itself.
 */

export interface Bm25Options {
  /** Term-frequency saturation. */
  k1?: number;
  /** Length normalisation. */
  b?: number;
  /** Weight per FTS column, in index order (title, body): a title hit counts more. */
  columnWeights?: readonly number[];
}

export const DEFAULT_COLUMN_WEIGHTS: readonly number[] = [3, 1];

/**
 * The BM25 score of one row. Higher is better (unlike FTS5's bm25(), which is negated).
 * Layout of 'pcnalx': p, c, n, a[c], l[c], then for each phrase and column
 * (hits in this row, hits in all rows, rows with at least one hit).
 */
export function bm25(matchinfo: Uint32Array, options: Bm25Options = {}): number {
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const weights = options.columnWeights ?? DEFAULT_COLUMN_WEIGHTS;
  const p = matchinfo[0] ?? 0;
  const c = matchinfo[1] ?? 0;
  const n = matchinfo[2] ?? 0;
  const avgAt = 3;
  const lenAt = 3 + c;
  const xAt = 3 + 2 * c;
  if (matchinfo.length < xAt + 3 * p * c) return 0;
  let score = 0;
  for (let phrase = 0; phrase < p; phrase += 1) {
    for (let col = 0; col < c; col += 1) {
      const base = xAt + 3 * (phrase * c + col);
      const tf = matchinfo[base]!;
      if (tf === 0) continue;
      const df = matchinfo[base + 2]!;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const avg = Math.max(matchinfo[avgAt + col]!, 1);
      const len = matchinfo[lenAt + col]!;
      const norm = tf + k1 * (1 - b + (b * len) / avg);
      score += (weights[col] ?? 1) * idf * ((tf * (k1 + 1)) / norm);
    }
  }
  return score;
}
