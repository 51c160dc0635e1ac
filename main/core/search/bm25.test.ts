import { describe, expect, it } from 'vitest';
import { bm25 } from './bm25';

/** matchinfo 'pcnalx' for one phrase over (title, body). */
function mi(o: {
  n: number;
  avg: [number, number];
  len: [number, number];
  x: Array<[number, number, number]>;
}) {
  return Uint32Array.from([1, 2, o.n, ...o.avg, ...o.len, ...o.x.flat()]);
}

describe('bm25 from matchinfo', () => {
  it('is zero without hits and positive with one', () => {
    const none = mi({
      n: 10,
      avg: [5, 100],
      len: [5, 100],
      x: [
        [0, 3, 2],
        [0, 9, 4],
      ],
    });
    const some = mi({
      n: 10,
      avg: [5, 100],
      len: [5, 100],
      x: [
        [0, 3, 2],
        [2, 9, 4],
      ],
    });
    expect(bm25(none)).toBe(0);
    expect(bm25(some)).toBeGreaterThan(0);
  });

  it('ranks rarer terms, more hits, shorter documents and title hits higher', () => {
    const base = { n: 100, avg: [5, 100] as [number, number], len: [5, 100] as [number, number] };
    const common = bm25(
      mi({
        ...base,
        x: [
          [0, 0, 0],
          [1, 80, 60],
        ],
      }),
    );
    const rare = bm25(
      mi({
        ...base,
        x: [
          [0, 0, 0],
          [1, 2, 2],
        ],
      }),
    );
    expect(rare).toBeGreaterThan(common);
    const once = bm25(
      mi({
        ...base,
        x: [
          [0, 0, 0],
          [1, 5, 5],
        ],
      }),
    );
    const thrice = bm25(
      mi({
        ...base,
        x: [
          [0, 0, 0],
          [3, 5, 5],
        ],
      }),
    );
    expect(thrice).toBeGreaterThan(once);
    const long = bm25(
      mi({
        ...base,
        len: [5, 400],
        x: [
          [0, 0, 0],
          [1, 5, 5],
        ],
      }),
    );
    expect(once).toBeGreaterThan(long);
    const inTitle = bm25(
      mi({
        ...base,
        x: [
          [1, 5, 5],
          [0, 0, 0],
        ],
      }),
    );
    expect(inTitle).toBeGreaterThan(once);
  });

  it('survives a short or empty buffer', () => {
    expect(bm25(new Uint32Array(0))).toBe(0);
    expect(bm25(Uint32Array.from([3, 2, 1]))).toBe(0);
  });
});
