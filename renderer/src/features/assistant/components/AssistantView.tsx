import { useTranslation } from 'react-i18next';
import { goToSection } from '../../../app/navigation';
import { EmptyState } from '../../../ui/EmptyState';
import { AssistantIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useModels } from '../../models/hooks/use-models';

/** The assistant needs a model pack; until one is installed this says so, and who can install one. */
export function AssistantView() {
  const { t } = useTranslation();
  const models = useModels();
  return (
    <SectionPage title={t('nav.assistant')} description={t('assistant.description')}>
      <QueryView query={models}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState
              icon={<AssistantIcon width={28} height={28} />}
              title={t('assistant.emptyTitle')}
              action={
                <button
                  type="button"
                  className="button"
                  onClick={() => goToSection('models', { focusHeading: true })}
                >
                  {t('assistant.seeModels')}
                </button>
              }
            >
              <p>{t('assistant.emptyBody')}</p>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<AssistantIcon width={28} height={28} />}
              title={t('assistant.readyTitle', { count: items.length })}
            >
              <p>{t('assistant.readyBody')}</p>
            </EmptyState>
          )
        }
      </QueryView>
    </SectionPage>
  );
}
