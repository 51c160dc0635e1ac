import { goToSection } from '../../../app/navigation';
import { AssistantIcon } from '../../../ui/icons';
import { useAssistantT } from '../i18n/t';

/**
 * No pack here can chat: say so, say who can fix it, and what works meanwhile (the built-ins). The
 * chat stays usable below — an on-prem server the renderer cannot see may still answer, and
 * "Summarise" runs on the built-in extractive summary.
 */
export function NoModelNote({ anyPack }: { anyPack: boolean }) {
  const t = useAssistantT();
  const title = anyPack ? t('noModel.noChatTitle') : t('noModel.title');
  return (
    <section className="no-model" aria-label={title}>
      <div className="no-model-icon">
        <AssistantIcon width={22} height={22} />
      </div>
      <div className="no-model-text">
        <h2 className="no-model-title">{title}</h2>
        <p>{t('noModel.body')}</p>
        <p>{t('noModel.builtins')}</p>
        <button
          type="button"
          className="button button-small"
          onClick={() => goToSection('models', { focusHeading: true })}
        >
          {t('noModel.seeModels')}
        </button>
      </div>
    </section>
  );
}
