import type { SearchHit, SearchMode, SemanticStatus } from '../../../common/contract/search.contract';
import { AppError } from '../../../common/errors';
import type { DocumentSummary, SearchFilters, VaultService } from '../vault';
import { toMatchExpression } from '../vault/fts-text';
import { bm25 } from './bm25';
import type { Embedder } from './embedder';
import { reciprocalRankFusion } from './rrf';
import { SemanticIndexer } from './semantic-indexer';

export interface SearchQuery {
  text: string;
  filters: SearchFilters;
  mode: SearchMode;
  limit: number;
}

export interface SearchResult {
  items: Array<Omit<SearchHit, 'document'> & { document: DocumentSummary }>;
  total: number;
  semantic: SemanticStatus;
  tookMs: number;
}

export interface SearchServiceOptions {
  vault: () => VaultService;
  /** Absent: full-text only, and the reply says so. */
  embedder?: Embedder;
  /**
   * A query waits for indexing when at most this many documents lack vectors (a small vault is
   * then complete at once); above it, indexing continues in the background and the reply says
   * `indexing` with the counts.
   */
  syncIndexLimit?: number;
  /** Semantic hits below this cosine similarity are dropped: noise rather than meaning. */
  minSimilarity?: number;
  onBackgroundError?: (error: unknown) => void;
}

export interface SearchService {
  query(query: SearchQuery): Promise<SearchResult>;
  /** Drops the in-memory vectors (call when the vault locks). */
  reset(): void;
}

/** Full-text candidates scored per query: BM25 of every hit is cheap, but the MATCH bounds the work. */
const FTS_CANDIDATES = 2_000;
/** Semantic hits fused per query: enough to re-rank, few enough to stay relevant. */
const SEMANTIC_CANDIDATES = 50;

function why(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Search across the vault. Full-text from the FTS4 index ranked by BM25 (bm25.ts); semantic from
 * embeddings kept in the vault and scanned in memory (vector-index.ts); the two lists merged by
 * reciprocal rank fusion (rrf.ts). Without an embedding model the search is full-text only, and the
 * reply's `semantic` says so and why. An empty text lists the filtered documents, newest first.
 */
export function createSearchService(options: SearchServiceOptions): SearchService {
  const minSimilarity = options.minSimilarity ?? 0.3;
  const syncIndexLimit = options.syncIndexLimit ?? 256;
  const onError = options.onBackgroundError ?? (() => undefined);
  const indexer = options.embedder
    ? new SemanticIndexer(options.vault, options.embedder, onError)
    : undefined;

  async function textRanking(match: string, filters: SearchFilters) {
    const hits = await options.vault().search.fullText(match, filters, FTS_CANDIDATES);
    return hits
      .map((h) => ({ num: h.num, summary: h.summary, score: bm25(h.matchinfo) }))
      .sort((a, b) => b.score - a.score || b.summary.updatedAt - a.summary.updatedAt);
  }

  /** The semantic side: brings the index up to date (within limits), then the nearest documents. */
  async function semanticRanking(
    text: string,
    filters: SearchFilters,
  ): Promise<{ hits: Array<{ num: number; similarity: number }>; status: SemanticStatus }> {
    if (!indexer) {
      return {
        hits: [],
        status: {
          state: 'unavailable',
          reason: 'No embedding model is configured: results are from full-text search only.',
          indexed: 0,
          pending: 0,
        },
      };
    }
    try {
      const pending = await indexer.refresh(syncIndexLimit);
      const modelId = indexer.modelId!;
      const vault = options.vault();
      const [query, allowed] = await Promise.all([
        options.embedder!.embed([text], { classification: 'phi', modelId, priority: 'interactive' }),
        vault.search.filteredNums(filters),
      ]);
      const hits = indexer.index!.search(
        query.vectors[0]!,
        SEMANTIC_CANDIDATES,
        allowed ? (num) => allowed.has(num) : undefined,
        minSimilarity,
      );
      return {
        hits,
        status: {
          state: pending > 0 ? 'indexing' : 'ready',
          modelId,
          indexed: indexer.index!.size,
          pending,
        },
      };
    } catch (error) {
      if (error instanceof AppError && error.code === 'VAULT_LOCKED') throw error;
      // No usable model (none installed, none allowed by policy): full-text still answers.
      return {
        hits: [],
        status: {
          state: 'unavailable',
          reason: `Semantic search is unavailable: ${why(error)} Results are from full-text search only.`,
          indexed: indexer.index?.size ?? 0,
          pending: 0,
        },
      };
    }
  }

  return {
    async query(q) {
      const started = performance.now();
      const vault = options.vault();
      const match = toMatchExpression(q.text);
      const off: SemanticStatus = { state: 'off', indexed: indexer?.index?.size ?? 0, pending: 0 };

      if (!match) {
        // Nothing to rank by: the filtered documents, newest first.
        const allowed = await vault.search.filteredNums(q.filters);
        const page = allowed
          ? [...(await vault.search.summaries([...allowed])).values()]
          : (await vault.documents.list({ limit: 1000 })).items;
        page.sort((a, b) => b.updatedAt - a.updatedAt);
        return {
          items: page.slice(0, q.limit).map((document) => ({ document, score: 0, sources: [] })),
          total: page.length,
          semantic: off,
          tookMs: performance.now() - started,
        };
      }

      const [text, semantic] = await Promise.all([
        q.mode === 'semantic' ? Promise.resolve([]) : textRanking(match, q.filters),
        q.mode === 'text' ? Promise.resolve({ hits: [], status: off }) : semanticRanking(q.text, q.filters),
      ]);
      const fused = reciprocalRankFusion<number>([text.map((t) => t.num), semantic.hits.map((s) => s.num)]);
      const textByNum = new Map(text.map((t) => [t.num, t]));
      const simByNum = new Map(semantic.hits.map((s) => [s.num, s.similarity]));
      const top = fused.slice(0, q.limit);
      const missing = top.filter((f) => !textByNum.has(f.key)).map((f) => f.key);
      const extra = await vault.search.summaries(missing);
      const items: SearchResult['items'] = [];
      for (const f of top) {
        const t = textByNum.get(f.key);
        const document = t?.summary ?? extra.get(f.key);
        if (!document) continue; // deleted since it was indexed
        const similarity = simByNum.get(f.key);
        items.push({
          document,
          score: f.score,
          sources: [
            ...(t ? (['text'] as const) : []),
            ...(similarity !== undefined ? (['semantic'] as const) : []),
          ],
          ...(t && { textScore: t.score }),
          ...(similarity !== undefined && { similarity }),
        });
      }
      return { items, total: fused.length, semantic: semantic.status, tookMs: performance.now() - started };
    },

    reset() {
      indexer?.reset();
    },
  };
}
