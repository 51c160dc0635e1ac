/**
 * Mean pooling over the attention mask, then optional L2 normalisation: the sentence-embedding
 * recipe of sentence-transformers and of transformers.js's `pooling: 'mean', normalize: true`.
 * Written over flat typed arrays because transformers.js's Tensor helpers (proxied element access,
 * intermediate tensors) cost more than the tiny model itself in the benchmark.
 */

export interface Pooled {
  /** Row-major [rows × dims]. */
  vectors: Float32Array;
  /** Tokens that counted (attention mask ones) per row. */
  lengths: number[];
}

/**
 * `hidden` is [rows × tokens × dims] row-major, `mask` is [rows × tokens] (0/1, int64 as ORT
 * gives it). A row whose mask is all zero yields a zero vector instead of NaN.
 */
export function meanPool(
  hidden: Float32Array,
  mask: BigInt64Array | ArrayLike<number | bigint>,
  shape: { rows: number; tokens: number; dims: number },
  normalize: boolean,
): Pooled {
  const { rows, tokens, dims } = shape;
  const vectors = new Float32Array(rows * dims);
  const lengths: number[] = [];
  for (let r = 0; r < rows; r += 1) {
    let count = 0;
    const out = r * dims;
    for (let t = 0; t < tokens; t += 1) {
      if (!Number(mask[r * tokens + t])) continue;
      count += 1;
      const from = (r * tokens + t) * dims;
      for (let d = 0; d < dims; d += 1) vectors[out + d]! += hidden[from + d]!;
    }
    lengths.push(count);
    let norm = 0;
    for (let d = 0; d < dims; d += 1) {
      const value = count ? vectors[out + d]! / count : 0;
      vectors[out + d] = value;
      norm += value * value;
    }
    if (normalize && norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d += 1) vectors[out + d]! *= scale;
    }
  }
  return { vectors, lengths };
}
