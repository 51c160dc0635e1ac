import type { AppStatus } from '../../../../../common/contract';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { useSyncT } from '../i18n/t';

/** The status bar's sync facts: last sync and entries waiting once enrolled, "Not enrolled" before. */
export function SyncStatusText({ status }: { status: AppStatus }) {
  const t = useSyncT();
  const locale = useStore((s) => s.locale);
  if (status.sync === 'not-configured') return <>{t('status.notEnrolled')}</>;
  const detail = status.syncDetail;
  if (!detail) return null;
  return (
    <>
      <span data-testid="status-last-sync">
        {detail.lastSyncAt
          ? t('status.lastSync', { time: formatDateTime(detail.lastSyncAt, locale) })
          : t('status.neverSynced')}
      </span>
      {' · '}
      <span data-testid="status-waiting">
        {t('status.waiting', { count: detail.pending, formatted: formatNumber(detail.pending, locale) })}
      </span>
    </>
  );
}
