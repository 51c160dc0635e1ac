import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../../common/contract';
import { documentHref } from '../../../app/sections';
import { formatDateTime } from '../../../lib/format';
import { useStore } from '../../../store';
import type { SearchSource } from '../../../../../common/contract';
import { ShieldIcon } from '../../../ui/icons';
import { ExportMenu } from '../../export/ExportMenu';
import { SourceBadges } from '../../search/components/SearchNotes';
import { useSearchT } from '../../search/i18n/t';
import type { SortKey, SortState } from '../lib/sort';
import type { Selection } from '../hooks/use-selection';
import { SortableHeader } from './SortableHeader';

/** The rows of the Documents list, in the order given, each with a box to tick for bulk actions. */
export function DocumentTable(props: {
  items: readonly DocumentSummary[];
  sources?: Record<string, SearchSource[]>;
  sort: SortState | null;
  onSort: (column: SortKey) => void;
  selection: Selection;
  /** While a bulk export runs the ticks stay as they are, so the report matches what was asked. */
  selectionLocked: boolean;
}) {
  const { t } = useTranslation();
  const tSearch = useSearchT();
  const locale = useStore((s) => s.locale);
  const { items, sources, selection } = props;
  const header = (column: SortKey, label: string, before?: ReactNode) => (
    <SortableHeader column={column} label={label} sort={props.sort} onSort={props.onSort} before={before} />
  );
  return (
    <table className="table documents-table">
      <caption className="visually-hidden">{t('documents.caption')}</caption>
      <thead>
        <tr>
          {header(
            'title',
            t('documents.columns.title'),
            <input
              type="checkbox"
              aria-label={t('documents.select.all')}
              checked={selection.allSelected}
              disabled={props.selectionLocked}
              onChange={selection.toggleAll}
            />,
          )}
          {header('industry', t('documents.columns.industry'))}
          {header('classification', t('documents.columns.classification'))}
          <th scope="col">{t('documents.columns.version')}</th>
          {header('updated', t('documents.columns.updated'))}
          <th scope="col">{tSearch('columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((doc) => (
          <tr
            key={doc.id}
            className={[doc.classification === 'phi' && 'row-phi', selection.has(doc.id) && 'row-selected']
              .filter(Boolean)
              .join(' ')}
          >
            {/* The box shares the title's cell: each row keeps one cell that is named by its title. */}
            <td>
              <span className="cell-with-select">
                <input
                  type="checkbox"
                  aria-label={t('documents.select.row', { title: doc.title })}
                  checked={selection.has(doc.id)}
                  disabled={props.selectionLocked}
                  onChange={() => selection.toggle(doc.id)}
                />
                <span>
                  <a className="cell-strong" href={documentHref(doc.id)}>
                    {doc.title}
                  </a>
                  {sources?.[doc.id] && <SourceBadges sources={sources[doc.id]!} />}
                  <span className="cell-sub cell-mono">{doc.templateId}</span>
                </span>
              </span>
            </td>
            <td className="cell-nowrap">{t(`industry.${doc.industry}`)}</td>
            <td>
              <span className={`badge badge-${doc.classification}`}>
                {doc.classification === 'phi' && <ShieldIcon className="badge-icon" width={12} height={12} />}
                {t(`classification.${doc.classification}`)}
              </span>
            </td>
            <td className="cell-nowrap">{t('documents.version', { version: doc.version })}</td>
            <td className="cell-nowrap">{formatDateTime(doc.updatedAt, locale)}</td>
            <td>
              <ExportMenu
                compact
                documentId={doc.id}
                title={doc.title}
                industry={doc.industry}
                classification={doc.classification}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
