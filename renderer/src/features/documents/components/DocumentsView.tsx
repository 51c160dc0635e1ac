import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { goToSection } from '../../../app/navigation';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useStore } from '../../../store';
import type { DocumentPage } from '../../../store/documents.slice';
import { EmptyState } from '../../../ui/EmptyState';
import { CrossIcon, DocumentIcon, SearchIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useDocuments } from '../hooks/use-documents';
import { useTemplateOptions } from '../hooks/use-template-options';
import { DEFAULT_SORT, nextSort, sortDocuments, type SortKey, type SortState } from '../lib/sort';
import { DocumentList } from './DocumentList';
import { SearchFilters } from '../../search/components/SearchFilters';
import { SemanticNote } from '../../search/components/SearchNotes';
import { SimilarDocuments } from '../../search/components/SimilarDocuments';
import { splitHits } from '../../search/lib/split-hits';
import { useSearchT } from '../../search/i18n/t';
import { NO_FILTERS, toRequestFilters, type SearchFilterState } from '../../search/lib/filters';

/** Pause after the last keystroke before searching (the search runs in the vault's full-text index). */
const SEARCH_DEBOUNCE_MS = 250;

export function DocumentsView() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [filters, setFilters] = useState<SearchFilterState>(NO_FILTERS);
  const query = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  // null until the user picks a column: then the list is newest first, a text search by relevance.
  const [sort, setSort] = useState<SortState | null>(null);
  const templates = useTemplateOptions();
  const documents = useDocuments(query, toRequestFilters(filters));
  const searching =
    documents.status === 'ready' && (documents.refreshing || documents.data.query !== search.trim());

  return (
    <SectionPage title={t('nav.documents')} description={t('documents.description')}>
      <QueryView query={documents}>
        {(page) =>
          page.query === '' && page.total === 0 && !page.filtered ? (
            <EmptyState
              icon={<DocumentIcon width={28} height={28} />}
              title={t('documents.emptyTitle')}
              action={
                <button
                  type="button"
                  className="button button-primary"
                  onClick={() => goToSection('templates', { focusHeading: true })}
                >
                  {t('documents.browseTemplates')}
                </button>
              }
            >
              <p>{t('documents.emptyBody')}</p>
            </EmptyState>
          ) : (
            <>
              <SearchBox value={search} onChange={setSearch} searching={searching} />
              <SearchFilters value={filters} onChange={setFilters} templates={templates} />
              {page.semantic && <SemanticNote status={page.semantic} />}
              <Results
                page={page}
                sort={sort}
                onSort={(column) =>
                  setSort((s) => nextSort(s ?? (page.query === '' ? DEFAULT_SORT : null), column))
                }
              />
            </>
          )
        }
      </QueryView>
    </SectionPage>
  );
}

/** The matches (a table), or why there are none; then what was found only by meaning. */
function Results(props: { page: DocumentPage; sort: SortState | null; onSort: (column: SortKey) => void }) {
  const { page } = props;
  const { t } = useTranslation();
  const tSearch = useSearchT();
  const locale = useStore((s) => s.locale);
  const { matches, similar } = splitHits(page);
  // A text search keeps its relevance ranking until a column is chosen; a plain list is newest first.
  const sort = props.sort ?? (page.query === '' ? DEFAULT_SORT : null);
  const items = useMemo(
    () =>
      sort === null
        ? matches.items
        : sortDocuments(matches.items, sort, locale, (doc) => t(`industry.${doc.industry}`)),
    [matches.items, sort, locale, t],
  );
  return (
    <>
      {matches.items.length === 0 && page.query === '' ? (
        <EmptyState icon={<SearchIcon width={28} height={28} />} title={tSearch('noMatches')} />
      ) : matches.items.length === 0 ? (
        <EmptyState icon={<SearchIcon width={28} height={28} />} title={t('documents.search.noMatches')}>
          <p>{t('documents.search.noMatchesBody', { query: page.query })}</p>
        </EmptyState>
      ) : (
        <>
          <TableMeta page={matches} />
          <DocumentList page={matches} items={items} sort={sort} onSort={props.onSort} />
        </>
      )}
      <SimilarDocuments items={similar} />
    </>
  );
}

function SearchBox(props: { value: string; onChange: (value: string) => void; searching: boolean }) {
  const { t } = useTranslation();
  return (
    <form className="search" role="search" onSubmit={(event) => event.preventDefault()}>
      <label className="search-field">
        <SearchIcon className="search-icon" />
        <span className="visually-hidden">{t('documents.search.label')}</span>
        <input
          type="search"
          className="search-input"
          placeholder={t('documents.search.placeholder')}
          value={props.value}
          maxLength={500}
          spellCheck={false}
          onChange={(event) => props.onChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && props.value !== '') {
              event.preventDefault();
              props.onChange('');
            }
          }}
        />
      </label>
      {props.value !== '' && (
        <button
          type="button"
          className="icon-button"
          aria-label={t('documents.search.clear')}
          title={t('documents.search.clear')}
          onClick={() => props.onChange('')}
        >
          <CrossIcon width={16} height={16} />
        </button>
      )}
      <span className="search-status" role="status">
        {props.searching ? t('documents.search.searching') : ''}
      </span>
    </form>
  );
}

/** How many documents the list holds, and whether it shows them all. */
function TableMeta({ page }: { page: DocumentPage }) {
  const { t } = useTranslation();
  const tSearch = useSearchT();
  const { items, total, query } = page;
  return (
    <p className="table-meta">
      {query === '' && page.filtered
        ? tSearch('found', { count: total })
        : query === ''
          ? t('documents.total', { count: total })
          : t('documents.search.found', { count: total, query })}
      {items.length < total && ` · ${t('documents.showing', { shown: items.length })}`}
    </p>
  );
}
