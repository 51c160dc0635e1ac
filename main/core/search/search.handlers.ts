import type { DocumentSummary, ParsedRequestOf, ReplyOf } from '../../../common/contract';
import { AppError } from '../../../common/errors';
import type { SearchFilters as VaultFilters, DocumentSummary as VaultSummary } from '../vault';
import type { SearchService } from './search.service';

type Request = ParsedRequestOf<'search.query'>;

function instant(iso: string | undefined, field: string): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new AppError('INVALID_ARGUMENT', `${field} is not a date.`, { field });
  return ms;
}

/** The contract's filters (ISO dates) as the vault's (epoch ms). */
export function toVaultFilters(filters: Request['filters']): VaultFilters {
  const from = instant(filters.updatedFrom, 'filters.updatedFrom');
  const to = instant(filters.updatedTo, 'filters.updatedTo');
  return {
    ...(filters.industries && { industries: filters.industries }),
    ...(filters.templateIds && { templateIds: filters.templateIds }),
    ...(filters.classifications && { classifications: filters.classifications }),
    ...(from !== undefined && { updatedFrom: from }),
    ...(to !== undefined && { updatedTo: to }),
  };
}

export function toContractSummary(d: VaultSummary): DocumentSummary {
  return {
    id: d.id,
    title: d.title,
    templateId: d.templateId,
    industry: d.industry as DocumentSummary['industry'],
    classification: d.classification,
    updatedAt: new Date(d.updatedAt).toISOString(),
    version: d.version,
  };
}

/** `search.query`: contract in, contract out; the service does the work. */
export async function searchQuery(search: SearchService, request: Request): Promise<ReplyOf<'search.query'>> {
  const result = await search.query({
    text: request.text,
    filters: toVaultFilters(request.filters),
    mode: request.mode,
    limit: request.limit,
  });
  return {
    items: result.items.map((hit) => ({ ...hit, document: toContractSummary(hit.document) })),
    total: result.total,
    semantic: result.semantic,
    tookMs: Math.round(result.tookMs * 10) / 10,
  };
}
