/** Search across the vault (full-text + semantic, fused): the public surface for core.ts and the bench. */
export {
  createSearchService,
  type SearchService,
  type SearchQuery,
  type SearchResult,
} from './search.service';
export { searchQuery } from './search.handlers';
export { modelsEmbedder } from './models-embedder';
export type { Embedder, Embedding } from './embedder';
