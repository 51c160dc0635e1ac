import { describe, expect, it } from 'vitest';
import { RRF_K, reciprocalRankFusion } from './rrf';

describe('reciprocal rank fusion', () => {
  it('puts items both lists agree on first and keeps items only one list has', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['c', 'a', 'd'],
    ]);
    expect(fused.map((f) => f.key)).toEqual(['a', 'c', 'b', 'd']);
    expect(fused[0]!.ranks).toEqual([1, 2]);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2));
    expect(fused.find((f) => f.key === 'd')!.ranks).toEqual([undefined, 3]);
  });

  it('handles empty lists and counts a duplicate once', () => {
    expect(reciprocalRankFusion([[], []])).toEqual([]);
    const fused = reciprocalRankFusion([['x', 'x']]);
    expect(fused).toHaveLength(1);
    expect(fused[0]!.score).toBeCloseTo(1 / (RRF_K + 1));
  });
});
