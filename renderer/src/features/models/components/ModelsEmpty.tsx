import { EmptyState } from '../../../ui/EmptyState';
import { FolderIcon, ModelIcon } from '../../../ui/icons';
import { useModelsT } from '../i18n/t';

/** Where the core looks for packs (ARCHITECTURE §5: app models/, managed ModelDirectory, user folder). */
const locations = ['app', 'managed', 'user'] as const;

/** No pack anywhere: where they are looked for, and how IT makes one. */
export function ModelsEmpty() {
  const t = useModelsT();
  return (
    <EmptyState icon={<ModelIcon width={28} height={28} />} title={t('empty.title')}>
      <p>{t('empty.body')}</p>
      <ul className="location-list">
        {locations.map((location) => (
          <li key={location}>
            <FolderIcon className="location-icon" />
            <span>{t(`empty.locations.${location}`)}</span>
          </li>
        ))}
      </ul>
      <p>{t('empty.howTo')}</p>
      <p>
        <code className="command">{t('empty.command')}</code>
      </p>
    </EmptyState>
  );
}
