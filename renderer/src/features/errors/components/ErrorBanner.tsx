import { useTranslation } from 'react-i18next';
import { useStore } from '../../../store';
import { AlertIcon, CrossIcon } from '../../../ui/icons';

/** Every failure the user should know about, in words, until they dismiss it. */
export function ErrorBanner() {
  const { t } = useTranslation();
  const errors = useStore((s) => s.errors);
  const dismiss = useStore((s) => s.dismissError);
  if (errors.length === 0) return null;
  return (
    <section className="error-banner" aria-label={t('errors.label')}>
      {errors.map((error) => (
        <div key={error.id} className="error-item" role="alert">
          <AlertIcon className="error-icon" />
          <div className="error-text">
            <p className="error-title">{t(`errors.codes.${error.code}`)}</p>
            <p className="error-message">{error.message}</p>
            <p className="error-code">{t('errors.code', { code: error.code })}</p>
          </div>
          <button
            type="button"
            className="icon-button"
            aria-label={t('errors.dismiss')}
            title={t('errors.dismiss')}
            onClick={() => dismiss(error.id)}
          >
            <CrossIcon width={16} height={16} />
          </button>
        </div>
      ))}
    </section>
  );
}
