import { describe, expect, it } from 'vitest';
import { meanPool } from './pooling';

describe('meanPool', () => {
  // Two rows, three tokens, two dims; the second row's last token is padding.
  const hidden = new Float32Array([1, 2, 3, 4, 5, 6, /* row 2 */ 2, 0, 4, 0, 100, 100]);
  const mask = new BigInt64Array([1n, 1n, 1n, 1n, 1n, 0n]);
  const shape = { rows: 2, tokens: 3, dims: 2 };

  it('averages only unmasked tokens', () => {
    const { vectors, lengths } = meanPool(hidden, mask, shape, false);
    expect(Array.from(vectors)).toEqual([3, 4, 3, 0]);
    expect(lengths).toEqual([3, 2]);
  });

  it('normalises to unit length', () => {
    const { vectors } = meanPool(hidden, mask, shape, true);
    expect(vectors[0]).toBeCloseTo(0.6, 6);
    expect(vectors[1]).toBeCloseTo(0.8, 6);
    expect(Array.from(vectors.slice(2))).toEqual([1, 0]);
  });

  it('gives a zero vector, not NaN, for an all-padding row', () => {
    const { vectors } = meanPool(
      new Float32Array(4),
      new BigInt64Array(2),
      { rows: 1, tokens: 2, dims: 2 },
      true,
    );
    expect(Array.from(vectors)).toEqual([0, 0]);
  });
});
