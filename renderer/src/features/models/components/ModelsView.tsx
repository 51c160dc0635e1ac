import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/EmptyState';
import { FolderIcon, ModelIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useModels } from '../hooks/use-models';

/** Where the core looks for packs (ARCHITECTURE: app models/, managed ModelDirectory, user folder). */
const locations = ['app', 'managed', 'user'] as const;

export function ModelsView() {
  const { t } = useTranslation();
  const models = useModels();
  return (
    <SectionPage title={t('nav.models')} description={t('models.description')}>
      <QueryView query={models}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState icon={<ModelIcon width={28} height={28} />} title={t('models.emptyTitle')}>
              <p>{t('models.emptyBody')}</p>
              <ul className="location-list">
                {locations.map((location) => (
                  <li key={location}>
                    <FolderIcon className="location-icon" />
                    <span>{t(`models.locations.${location}`)}</span>
                  </li>
                ))}
              </ul>
              <p className="muted">{t('models.emptyFooter')}</p>
            </EmptyState>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('models.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('models.columns.name')}</th>
                  <th scope="col">{t('models.columns.id')}</th>
                  <th scope="col">{t('models.columns.tasks')}</th>
                  <th scope="col">{t('models.columns.verification')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((model) => (
                  <tr key={model.id}>
                    <td className="cell-strong">{model.name}</td>
                    <td className="cell-mono">{model.id}</td>
                    <td>{model.tasks.join(', ')}</td>
                    <td>
                      <span className={model.verified ? 'badge badge-ok' : 'badge badge-warn'}>
                        {model.verified ? t('models.verified') : t('models.unverified')}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </SectionPage>
  );
}
