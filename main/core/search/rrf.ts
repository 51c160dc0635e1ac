/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): each list contributes
 * 1 / (k + rank) for every item it ranks. It needs only ranks, so BM25 scores (unbounded) and
 * cosine similarities (−1…1) merge without calibrating one against the other; k = 60 is the
 * paper's value and damps the weight of any single list's top ranks.
 */
export const RRF_K = 60;

export interface Fused<K> {
  key: K;
  score: number;
  /** 1-based rank in each input list where the item appeared (undefined where absent). */
  ranks: Array<number | undefined>;
}

export function reciprocalRankFusion<K>(lists: ReadonlyArray<readonly K[]>, k = RRF_K): Fused<K>[] {
  const byKey = new Map<K, Fused<K>>();
  lists.forEach((list, which) => {
    list.forEach((key, index) => {
      let entry = byKey.get(key);
      if (!entry) {
        entry = { key, score: 0, ranks: lists.map(() => undefined) };
        byKey.set(key, entry);
      }
      if (entry.ranks[which] !== undefined) return; // a duplicate counts once, at its best rank
      entry.ranks[which] = index + 1;
      entry.score += 1 / (k + index + 1);
    });
  });
  // Ties (same fused score) keep the order of the first list, which is deterministic.
  return [...byKey.values()].sort((a, b) => b.score - a.score);
}
