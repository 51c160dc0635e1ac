import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { RefreshIcon } from '../../../ui/icons';
import { usePacks } from '../hooks/use-packs';
import { useModelsT } from '../i18n/t';
import '../models.css';
import { ModelsEmpty } from './ModelsEmpty';
import { PackTable } from './PackTable';

/** Settings → Models: the packs on this device, their integrity and approval, Verify and Test prompt. */
export function ModelsView() {
  const t = useModelsT();
  const packs = usePacks();
  const refreshing = packs.status === 'ready' && packs.refreshing;
  return (
    <SectionPage
      title={t('title')}
      description={t('description')}
      actions={
        <button
          type="button"
          className="button"
          onClick={packs.refresh}
          disabled={packs.status === 'loading' || refreshing}
        >
          <RefreshIcon width={16} height={16} />
          {refreshing ? t('refreshing') : t('refresh')}
        </button>
      }
    >
      <QueryView query={packs}>
        {({ items }) =>
          items.length === 0 ? <ModelsEmpty /> : <PackTable packs={items} onChanged={packs.reload} />
        }
      </QueryView>
    </SectionPage>
  );
}
