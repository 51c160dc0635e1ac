import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../../../common/contract';
import { localeNames, supportedLocales } from '../../../i18n';
import { useStore } from '../../../store';

/**
 * The two-way language switch; each language is labelled in itself, so a user who cannot read the
 * current one still finds theirs. Saved through `settings.setLocale`. Used in Settings and, small,
 * on the vault gate.
 */
export function LanguageSwitch(props: { describedBy?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useStore((s) => s.locale);
  const pending = useStore((s) => s.pendingLocale);
  const changeLocale = useStore((s) => s.changeLocale);
  const shown: Locale = pending ?? locale;

  return (
    // Not `disabled` while saving: that would drop keyboard focus from the radio just used.
    <fieldset
      className={props.compact ? 'segmented segmented-compact' : 'segmented'}
      aria-describedby={props.describedBy}
      aria-busy={pending !== null}
    >
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
  );
}
