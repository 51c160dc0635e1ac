import { useState } from 'react';
import type { SyncStatus } from '../../../../../common/contract';
import { AppError } from '../../../../../common/errors';
import { api } from '../../../api';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { FormAlert, FormStatus } from '../../../ui/FormAlert';
import { useSyncT } from '../i18n/t';
import { failureMessage } from '../lib/enroll-error';
import { UnenrollButton } from './UnenrollButton';

/** The enrolled device: who it is, where it syncs, how far behind it is, and Sync now. */
export function EnrolledFacts(props: { status: SyncStatus; onStatus(status: SyncStatus): void }) {
  const t = useSyncT();
  const locale = useStore((s) => s.locale);
  const { status } = props;
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function syncNow(): Promise<void> {
    setBusy(true);
    setDone(false);
    setError(null);
    try {
      const next = await api.sync.now({});
      props.onStatus(next);
      setDone(next.lastError === null);
    } catch (caught) {
      setError(caught instanceof AppError ? caught : new AppError('INTERNAL', String(caught)));
    } finally {
      setBusy(false);
    }
  }

  const when = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t('enrolled.never'));
  const connection =
    status.online === null
      ? t('enrolled.unknown')
      : status.online
        ? t('enrolled.online')
        : t('enrolled.offline');
  const lastFailure = status.lastError
    ? failureMessage({ message: status.lastError.message, details: { reason: status.lastError.reason } })
    : null;
  const failure = error ? failureMessage(error) : null;

  return (
    <div className="sync-enrolled">
      <p className="panel-hint">{t('enrolled.title')}</p>
      <dl className="facts sync-facts">
        <div>
          <dt>{t('enrolled.connection')}</dt>
          <dd data-testid="sync-connection">{connection}</dd>
        </div>
        <div>
          <dt>{t('enrolled.lastSync')}</dt>
          <dd>{when(status.lastSyncAt)}</dd>
        </div>
        <div>
          <dt>{t('enrolled.waiting')}</dt>
          <dd data-testid="sync-waiting">{formatNumber(status.pending ?? 0, locale)}</dd>
        </div>
        <div>
          <dt>{t('enrolled.server')}</dt>
          <dd>
            <code>{status.serverUrl}</code>
          </dd>
        </div>
        <div>
          <dt>{t('enrolled.tenant')}</dt>
          <dd>
            <code>{status.tenant}</code>
          </dd>
        </div>
        <div>
          <dt>{t('enrolled.device')}</dt>
          <dd>
            <code>{status.device}</code>
          </dd>
        </div>
        {status.enrolledAt && (
          <div>
            <dt>{t('enrolled.enrolledAt')}</dt>
            <dd>{formatDateTime(status.enrolledAt, locale)}</dd>
          </div>
        )}
        {status.nextAttemptAt && (
          <div>
            <dt>{t('enrolled.nextAttempt')}</dt>
            <dd>{formatDateTime(status.nextAttemptAt, locale)}</dd>
          </div>
        )}
      </dl>
      {lastFailure && !busy && (
        <FormAlert
          title={t('errors.syncFailed', { message: t(lastFailure.key, { message: lastFailure.message }) })}
        />
      )}
      {failure && (
        <FormAlert
          title={t('errors.syncFailed', { message: t(failure.key, { message: failure.message }) })}
        />
      )}
      {busy && <FormStatus>{t('enrolled.syncing')}</FormStatus>}
      {done && !busy && status.lastError === null && <FormStatus>{t('enrolled.synced')}</FormStatus>}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          onClick={() => void syncNow()}
        >
          {t('enrolled.syncNow')}
        </button>
        <UnenrollButton onStatus={props.onStatus} />
      </div>
    </div>
  );
}
