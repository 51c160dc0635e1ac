/**
 * Extractive summary by TextRank (Mihalcea & Tarau, 2004): sentences are nodes, edges are
 * weighted by word overlap normalised by sentence length, and weighted PageRank finds the
 * sentences most of the text "agrees with". The top k come back in their original order, so the
 * summary reads as the source does. Deterministic and model-free; works for English and Chinese
 * (where words are approximated by Han-character bigrams).
 */
import { splitSentences, type Sentence } from '../text/sentence-split';
import { similarityKeys } from '../text/word-units';

/** Options for {@link summarize}. */
export interface SummaryOptions {
  /** How many sentences to keep (default 3); `ratio` wins when both are given. */
  sentences?: number;
  /** Keep this share of the sentences, at least one (e.g. 0.2). */
  ratio?: number;
  /** PageRank damping factor (default 0.85, as in the paper). */
  damping?: number;
}

/** A sentence with its TextRank score. */
export interface RankedSentence extends Sentence {
  /** Position among all sentences of the text. */
  index: number;
  score: number;
}

/** The summary: chosen sentences in source order and their joined text. */
export interface Summary {
  method: 'textrank';
  sentences: RankedSentence[];
  text: string;
  /** Sentences in the whole text, for "k of n" displays. */
  totalSentences: number;
}

// PageRank stops when no score moves more than this, or after MAX_ITERATIONS.
const TOLERANCE = 1e-6;
const MAX_ITERATIONS = 100;
// Beyond this many sentences the pairwise graph is capped to keep the built-in interactive.
const MAX_SENTENCES = 3000;

/** Summarises `text` by picking its most central sentences. */
export function summarize(text: string, options: SummaryOptions = {}): Summary {
  const all = splitSentences(text).slice(0, MAX_SENTENCES);
  const scores = rankSentences(
    all.map((s) => s.text),
    options.damping ?? 0.85,
  );
  const k =
    options.ratio !== undefined
      ? Math.max(1, Math.round(all.length * options.ratio))
      : Math.max(1, Math.floor(options.sentences ?? 3));
  const ranked = all.map((s, index) => ({ ...s, index, score: scores[index] ?? 0 }));
  const chosen = [...ranked]
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, k)
    .sort((a, b) => a.index - b.index);
  return { method: 'textrank', sentences: chosen, text: joinSentences(chosen), totalSentences: all.length };
}

/**
 * TextRank scores for a list of sentences. Similarity is the number of shared keys over
 * log(1 + |Si|) + log(1 + |Sj|); the paper's log|S| is 0 for one-word sentences, the +1 avoids
 * dividing by zero without changing the ranking of longer ones much.
 */
export function rankSentences(sentences: readonly string[], damping = 0.85): number[] {
  const n = sentences.length;
  const keys = sentences.map(similarityKeys);
  // An inverted index finds the sentence pairs that share a key, instead of testing all n² pairs.
  const postings = new Map<string, number[]>();
  keys.forEach((set, i) => {
    for (const key of set) {
      const list = postings.get(key);
      if (list) list.push(i);
      else postings.set(key, [i]);
    }
  });
  const shared = new Map<number, number>(); // i * n + j (i < j) → shared keys
  for (const list of postings.values()) {
    for (let a = 0; a < list.length; a += 1) {
      for (let b = a + 1; b < list.length; b += 1) {
        const pair = list[a]! * n + list[b]!;
        shared.set(pair, (shared.get(pair) ?? 0) + 1);
      }
    }
  }
  const edges: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  const outWeight = new Float64Array(n);
  for (const [pair, count] of shared) {
    const i = Math.floor(pair / n);
    const j = pair % n;
    const weight = count / (Math.log1p(keys[i]!.size) + Math.log1p(keys[j]!.size));
    edges[i]!.push([j, weight]);
    edges[j]!.push([i, weight]);
    outWeight[i]! += weight;
    outWeight[j]! += weight;
  }
  let score = new Float64Array(n).fill(1);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration += 1) {
    const next = new Float64Array(n);
    let delta = 0;
    for (let i = 0; i < n; i += 1) {
      let sum = 0;
      for (const [j, weight] of edges[i]!) sum += (weight / outWeight[j]!) * score[j]!;
      next[i] = 1 - damping + damping * sum;
      delta = Math.max(delta, Math.abs(next[i]! - score[i]!));
    }
    score = next;
    if (delta < TOLERANCE) break;
  }
  return Array.from(score);
}

/** Joins sentences with a space, but with none between two Chinese sentences. */
function joinSentences(sentences: readonly Sentence[]): string {
  let out = '';
  for (const s of sentences) {
    if (out.length > 0 && !(/[\u3000-\u9fff]$/.test(out) && /^[\u3000-\u9fff]/.test(s.text))) out += ' ';
    out += s.text;
  }
  return out;
}
