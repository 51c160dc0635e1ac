import { useTranslation } from 'react-i18next';
import { useStore } from '../../../store';
import { LanguageSwitch } from './LanguageSwitch';

export function LanguageSetting() {
  const { t } = useTranslation();
  const pending = useStore((s) => s.pendingLocale);

  return (
    <section className="panel" aria-labelledby="language-heading">
      <h2 id="language-heading" className="panel-title">
        {t('settings.language.heading')}
      </h2>
      <LanguageSwitch describedBy="language-hint" />
      <p id="language-hint" className="panel-hint">
        {pending ? t('settings.language.saving') : t('settings.language.hint')}
      </p>
    </section>
  );
}
