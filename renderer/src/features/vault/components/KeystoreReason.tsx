import { useTranslation } from 'react-i18next';

/**
 * Why the OS keystore cannot be used here. The core says why in English; other languages get a
 * sentence of their own first, with the core's reason kept alongside for IT.
 */
export function KeystoreReason({ reason }: { reason: string }) {
  const { t, i18n } = useTranslation();
  if (i18n.language === 'en') return <>{reason}</>;
  return (
    <>
      {t('vault.keystore.unavailable')}{' '}
      <span className="muted" lang="en">
        ({reason})
      </span>
    </>
  );
}
