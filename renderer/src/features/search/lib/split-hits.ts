import type { DocumentSummary } from '../../../../../common/contract';
import type { DocumentPage } from '../../../store/documents.slice';

/**
 * The list's table shows what the text matched (ranked by the fused score, so documents that are
 * also close in meaning come first); documents found only by meaning are listed apart, below it,
 * so "Found for “x”: N" keeps meaning "N documents contain x".
 */
export function splitHits(page: DocumentPage): { matches: DocumentPage; similar: DocumentSummary[] } {
  const sources = page.sources;
  if (!sources || page.query === '') return { matches: page, similar: [] };
  const isText = (d: DocumentSummary) => sources[d.id]?.includes('text') ?? false;
  const items = page.items.filter(isText);
  return { matches: { ...page, items, total: items.length }, similar: page.items.filter((d) => !isText(d)) };
}
