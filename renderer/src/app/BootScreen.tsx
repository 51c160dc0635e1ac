import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../common/errors';
import { AlertIcon, RingMark } from '../ui/icons';

/** Shown while `app.info` is on its way; fades in only if that takes noticeably long. */
export function BootScreen() {
  const { t } = useTranslation();
  return (
    <div className="boot" role="status">
      <RingMark className="boot-mark" width={40} height={40} />
      <p>{t('app.starting')}</p>
    </div>
  );
}

/** The core could not be reached at all (spent harness token, core gone): say so, never a blank page. */
export function BootFailure({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  return (
    <main className="boot boot-failed">
      <div className="boot-card" role="alert">
        <AlertIcon className="boot-alert-icon" width={28} height={28} />
        <h1>{t('boot.failedTitle')}</h1>
        <p>{t('boot.failedBody')}</p>
        <p className="muted">{t('boot.failedHint')}</p>
        <details className="boot-details">
          <summary>{t('boot.details')}</summary>
          <p className="cell-mono">
            {error.code}: {error.message}
          </p>
        </details>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('boot.reload')}
        </button>
      </div>
    </main>
  );
}
