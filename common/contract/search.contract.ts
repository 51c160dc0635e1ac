import { z } from 'zod';
import { channel } from './define';
import { Classification, DocumentSummary, Industry } from './workspace.contract';

/** Where a result came from: the full-text index, the semantic index, or both. */
export const SearchSource = z.enum(['text', 'semantic']);
export type SearchSource = z.infer<typeof SearchSource>;

export const SearchFilters = z.strictObject({
  industries: z.array(Industry).max(5).optional(),
  templateIds: z.array(z.string().min(1).max(200)).max(50).optional(),
  classifications: z.array(Classification).max(4).optional(),
  /** Inclusive bounds on the last change, ISO 8601. */
  updatedFrom: z.iso.datetime({ offset: true }).optional(),
  updatedTo: z.iso.datetime({ offset: true }).optional(),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export const SearchHit = z.strictObject({
  document: DocumentSummary,
  /** Fused (reciprocal rank fusion) score: only the order means something. */
  score: z.number(),
  sources: z.array(SearchSource),
  /** BM25 from the full-text index, when the text matched. */
  textScore: z.number().optional(),
  /** Cosine similarity from the semantic index, when it contributed. */
  similarity: z.number().optional(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** The semantic side's state, so the UI can say "full-text only" and why. */
export const SemanticStatus = z.strictObject({
  state: z.enum(['ready', 'indexing', 'unavailable', 'off']),
  /** Why semantic search is unavailable (no embedding model, policy), in words. */
  reason: z.string().optional(),
  modelId: z.string().optional(),
  indexed: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
});
export type SemanticStatus = z.infer<typeof SemanticStatus>;

export const SearchMode = z.enum(['hybrid', 'text', 'semantic']);
export type SearchMode = z.infer<typeof SearchMode>;

export const searchContract = {
  'search.query': channel({
    summary:
      'Searches the vault: full-text (FTS4, BM25) and semantic (embeddings) fused by reciprocal rank, with filters by industry, template, classification and date.',
    request: z.strictObject({
      text: z.string().max(500).default(''),
      filters: SearchFilters.default({}),
      mode: SearchMode.default('hybrid'),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    reply: z.strictObject({
      items: z.array(SearchHit),
      /** Results before the limit. */
      total: z.number().int().nonnegative(),
      semantic: SemanticStatus,
      tookMs: z.number().nonnegative(),
    }),
  }),
};
