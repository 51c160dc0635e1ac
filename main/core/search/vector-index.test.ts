import { describe, expect, it } from 'vitest';
import { VectorIndex } from './vector-index';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('VectorIndex', () => {
  it('finds the nearest by cosine, best first, regardless of vector length', () => {
    const index = new VectorIndex(3, 1);
    index.upsert(1, v(1, 0, 0));
    index.upsert(2, v(0, 10, 0));
    index.upsert(3, v(1, 1, 0));
    const hits = index.search(v(2, 0.1, 0), 2);
    expect(hits.map((h) => h.num)).toEqual([1, 3]);
    expect(hits[0]!.similarity).toBeGreaterThan(0.99);
    expect(index.size).toBe(3);
  });

  it('replaces a vector on upsert, filters and applies a floor', () => {
    const index = new VectorIndex(2);
    index.upsert(1, v(1, 0));
    index.upsert(2, v(0, 1));
    index.upsert(1, v(0, 1));
    expect(index.size).toBe(2);
    expect(
      index
        .search(v(0, 1), 5)
        .map((h) => h.num)
        .sort(),
    ).toEqual([1, 2]);
    expect(index.search(v(0, 1), 5, (num) => num !== 2).map((h) => h.num)).toEqual([1]);
    expect(index.search(v(1, 0), 5, undefined, 0.5)).toEqual([]);
  });

  it('refuses a vector of the wrong size and ignores a zero query', () => {
    const index = new VectorIndex(2);
    expect(() => index.upsert(1, v(1, 2, 3))).toThrow(/3 dims/);
    index.upsert(1, v(1, 0));
    expect(index.search(v(0, 0), 3)).toEqual([]);
    expect(index.search(v(1, 0, 0), 3)).toEqual([]);
  });

  it('keeps the top k exactly over many rows', () => {
    const index = new VectorIndex(4);
    for (let i = 0; i < 1000; i += 1) index.upsert(i, v(Math.cos(i), Math.sin(i), (i % 7) / 7, 1));
    const q = v(1, 0, 0.5, 1);
    const top = index.search(q, 10);
    const brute = Array.from({ length: 1000 }, (_, i) => {
      const x = v(Math.cos(i), Math.sin(i), (i % 7) / 7, 1);
      const dot = x.reduce((s, xi, j) => s + xi * q[j]!, 0);
      return { i, sim: dot / (Math.hypot(...x) * Math.hypot(...q)) };
    }).sort((a, b) => b.sim - a.sim);
    expect(top.map((h) => h.num)).toEqual(brute.slice(0, 10).map((b) => b.i));
  });
});
