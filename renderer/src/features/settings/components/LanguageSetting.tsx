import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../../common/contract';
import { localeNames, supportedLocales } from '../../../i18n';
import { useStore } from '../../../store';

/** A two-way switch; each language is labelled in itself. Saved through `settings.setLocale`. */
export function LanguageSetting() {
  const { t } = useTranslation();
  const locale = useStore((s) => s.locale);
  const pending = useStore((s) => s.pendingLocale);
  const changeLocale = useStore((s) => s.changeLocale);
  const shown: Locale = pending ?? locale;

  return (
    <section className="panel" aria-labelledby="language-heading">
      <h2 id="language-heading" className="panel-title">
        {t('settings.language.heading')}
      </h2>
      {/* Not `disabled` while saving: that would drop keyboard focus from the radio just used. */}
      <fieldset className="segmented" aria-describedby="language-hint" aria-busy={pending !== null}>
        <legend className="visually-hidden">{t('settings.language.heading')}</legend>
        {supportedLocales.map((option) => (
          <label key={option} className="segmented-option" lang={option}>
            <input
              type="radio"
              name="locale"
              value={option}
              checked={shown === option}
              onChange={() => void changeLocale(option)}
            />
            <span>{localeNames[option]}</span>
          </label>
        ))}
      </fieldset>
      <p id="language-hint" className="panel-hint">
        {pending ? t('settings.language.saving') : t('settings.language.hint')}
      </p>
    </section>
  );
}
