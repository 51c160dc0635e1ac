import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../../common/contract';
import { goToSection } from '../../../app/navigation';
import { formatDateTime } from '../../../lib/format';
import { useStore } from '../../../store';
import { EmptyState } from '../../../ui/EmptyState';
import { DocumentIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useDocuments } from '../hooks/use-documents';

export function DocumentsView() {
  const { t } = useTranslation();
  const documents = useDocuments();
  return (
    <SectionPage title={t('nav.documents')} description={t('documents.description')}>
      <QueryView query={documents}>
        {({ items, total }) =>
          items.length === 0 ? (
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
            <DocumentTable items={items} total={total} />
          )
        }
      </QueryView>
    </SectionPage>
  );
}

function DocumentTable({ items, total }: { items: DocumentSummary[]; total: number }) {
  const { t } = useTranslation();
  const locale = useStore((s) => s.locale);
  return (
    <>
      <p className="table-meta">{t('documents.total', { count: total })}</p>
      <table className="table">
        <caption className="visually-hidden">{t('documents.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.columns.title')}</th>
            <th scope="col">{t('documents.columns.template')}</th>
            <th scope="col">{t('documents.columns.classification')}</th>
            <th scope="col">{t('documents.columns.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((doc) => (
            <tr key={doc.id}>
              <td className="cell-strong">{doc.title}</td>
              <td>
                {doc.templateId} <span className="muted">· {t(`industry.${doc.industry}`)}</span>
              </td>
              <td>
                <span className={`badge badge-${doc.classification}`}>
                  {t(`classification.${doc.classification}`)}
                </span>
              </td>
              <td className="cell-nowrap">{formatDateTime(doc.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
