import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { AuditEntry } from '../../../../../common/audit/entry.schema';
import { api } from '../../../api';
import { formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { EmptyState } from '../../../ui/EmptyState';
import { ErrorAlert } from '../../../ui/FormAlert';
import { AuditIcon, LockIcon, RefreshIcon, SearchIcon } from '../../../ui/icons';
import { SectionPage } from '../../../ui/SectionPage';
import '../audit.css';
import { useChainStatus } from '../hooks/use-chain-status';
import { useAuditT, type AuditT } from '../i18n/t';
import { emptyFilters, isFiltered, toQueryFilter, type FilterForm } from '../lib/filters';
import { AuditPager, rowCount, type PagerSnapshot } from '../lib/pager';
import { AuditGrid } from './AuditGrid';
import { ChainBanner } from './ChainBanner';
import { EntryDetails } from './EntryDetails';
import { ExportDialog } from './ExportDialog';
import { FilterBar } from './FilterBar';

function createPager(filters: FilterForm): AuditPager {
  const parsed = toQueryFilter(filters);
  return new AuditPager(
    (request) => api.audit.query(request),
    parsed.ok ? parsed.filter : {},
    (error) => useStore.getState().reportError(error),
  );
}

/**
 * The Audit view over the tamper-evident log (`audit.query`, `audit.verifyChain`,
 * `audit.exportBundle`). Everything it reads lives in this component's state, so it is dropped
 * when the view closes or the vault locks (the frame, and this view with it, unmounts).
 */
export function AuditView() {
  const t = useAuditT();
  const locale = useStore((s) => s.locale);
  const [filters, setFilters] = useState<FilterForm>(emptyFilters);
  /** Bumped when the filters are changed from outside the form, which then starts over. */
  const [formKey, setFormKey] = useState(0);
  const [pager, setPager] = useState(() => createPager(emptyFilters));
  const snapshot = useSyncExternalStore(pager.subscribe, pager.getSnapshot);
  const [opened, setOpened] = useState<AuditEntry | null>(null);
  const [exporting, setExporting] = useState(false);
  const chain = useChainStatus();

  useEffect(() => {
    pager.start();
    return () => pager.dispose();
  }, [pager]);

  const apply = (next: FilterForm): void => {
    setFilters(next);
    setPager(createPager(next));
  };

  const clearFilters = (): void => {
    apply(emptyFilters);
    setFormKey((k) => k + 1);
  };

  const refresh = (): void => {
    setPager(createPager(filters));
    chain.verify();
  };

  const closeDetails = useCallback(() => setOpened(null), []);
  const locked =
    (snapshot.phase === 'error' && snapshot.error?.code === 'VAULT_LOCKED') ||
    (chain.check.phase === 'error' && chain.check.error.code === 'VAULT_LOCKED');

  return (
    <SectionPage
      title={t('title')}
      description={t('description')}
      actions={
        <>
          <button type="button" className="button" onClick={refresh} disabled={snapshot.phase === 'loading'}>
            <RefreshIcon width={16} height={16} />
            {t('refresh')}
          </button>
          <button
            type="button"
            className="button button-primary"
            onClick={() => setExporting(true)}
            disabled={locked}
          >
            {t('export.open')}
          </button>
        </>
      }
    >
      <div className="audit-view">
        {locked ? (
          <EmptyState icon={<LockIcon width={28} height={28} />} title={t('locked.title')}>
            <p>{t('locked.body')}</p>
          </EmptyState>
        ) : (
          <>
            <ChainBanner check={chain.check} onVerify={chain.verify} locale={locale} t={t} />
            <FilterBar key={formKey} applied={filters} onApply={apply} t={t} />
            <LogList
              pager={pager}
              snapshot={snapshot}
              filtered={isFiltered(filters)}
              onClearFilters={clearFilters}
              onOpen={setOpened}
              t={t}
            />
          </>
        )}
      </div>
      {opened && <EntryDetails entry={opened} locale={locale} onClose={closeDetails} t={t} />}
      {exporting && (
        <ExportDialog filters={filters} locale={locale} onClose={() => setExporting(false)} t={t} />
      )}
    </SectionPage>
  );
}

function LogList(props: {
  pager: AuditPager;
  snapshot: PagerSnapshot;
  filtered: boolean;
  onClearFilters(): void;
  onOpen(entry: AuditEntry): void;
  t: AuditT;
}) {
  const { snapshot, t } = props;
  const locale = useStore((s) => s.locale);

  if (snapshot.phase === 'loading') {
    return (
      <p className="loading" role="status">
        {t('table.pending')}
      </p>
    );
  }
  if (snapshot.phase === 'error') {
    return (
      <div className="audit-load-failed">
        <p>{t('loadFailed')}</p>
        {snapshot.error && <ErrorAlert error={snapshot.error} />}
        <button type="button" className="button" onClick={() => props.pager.retry()}>
          {t('retry')}
        </button>
      </div>
    );
  }

  const total = rowCount(snapshot);
  if (total === 0 && !snapshot.more && snapshot.error === null) {
    return props.filtered ? (
      <EmptyState
        icon={<SearchIcon width={28} height={28} />}
        title={t('empty.filteredTitle')}
        action={
          <button type="button" className="button" onClick={props.onClearFilters}>
            {t('filters.clear')}
          </button>
        }
      >
        <p>{t('empty.filteredBody')}</p>
      </EmptyState>
    ) : (
      <EmptyState icon={<AuditIcon width={28} height={28} />} title={t('empty.logTitle')}>
        <p>{t('empty.logBody')}</p>
      </EmptyState>
    );
  }

  const count = formatNumber(total, locale);
  return (
    <>
      <div className="audit-list-meta">
        <span>
          {snapshot.more
            ? t('table.countMore', { entries: count })
            : props.filtered
              ? t('table.countFiltered', { entries: count })
              : t('table.countAll', { entries: count })}
        </span>
        <span className="audit-list-hint">{t('table.keyboardHint')}</span>
      </div>
      <AuditGrid
        key={props.pager.id}
        pager={props.pager}
        snapshot={snapshot}
        locale={locale}
        onOpen={props.onOpen}
        t={t}
      />
    </>
  );
}
