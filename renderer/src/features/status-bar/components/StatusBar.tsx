import { useTranslation } from 'react-i18next';
import type { AppStatus } from '../../../../../common/contract';
import { useStore } from '../../../store';
import { SyncStatusText } from '../../sync/components/SyncStatusItems';

/** good: working; idle: a placeholder nothing is wrong with; warn/bad: needs attention. */
type Tone = 'good' | 'idle' | 'warn' | 'bad';

const networkTone: Record<AppStatus['network'], Tone> = {
  online: 'good',
  offline: 'warn',
  'no-server': 'idle',
};
const syncTone: Record<AppStatus['sync'], Tone> = {
  'not-configured': 'idle',
  idle: 'good',
  syncing: 'good',
  error: 'bad',
};
const vaultTone: Record<AppStatus['vault'], Tone> = {
  'not-set-up': 'idle',
  locked: 'warn',
  unlocked: 'good',
  unavailable: 'bad',
};

function StatusItem({ tone, label, value }: { tone: Tone; label: string; value: string }) {
  return (
    <li className={`status-item tone-${tone}`}>
      <span className="status-dot" aria-hidden="true" />
      <span className="visually-hidden">{label}: </span>
      <span>{value}</span>
    </li>
  );
}

/** What `app.watchStatus` last said (the subscription is held by the workspace, above the gate). */
export function StatusBar() {
  const { t } = useTranslation();
  const status = useStore((s) => s.status);
  const link = useStore((s) => s.statusLink);
  const version = useStore((s) => s.info?.version);

  return (
    <footer className="status-bar" aria-label={t('status.label')}>
      <ul className="status-items" aria-live="polite">
        {link === 'lost' ? (
          <StatusItem tone="bad" label={t('status.label')} value={t('status.lost')} />
        ) : status === null ? (
          <StatusItem tone="idle" label={t('status.label')} value={t('status.checking')} />
        ) : (
          <>
            <StatusItem
              tone={networkTone[status.network]}
              label={t('status.network.label')}
              value={t(`status.network.${status.network}`)}
            />
            <StatusItem
              tone={syncTone[status.sync]}
              label={t('status.sync.label')}
              value={t(`status.sync.${status.sync}`)}
            />
            {status.syncDetail && (
              <li className="status-item tone-idle" data-testid="status-sync-detail">
                <span className="status-dot" aria-hidden="true" />
                <SyncStatusText status={status} />
              </li>
            )}
            <StatusItem
              tone={vaultTone[status.vault]}
              label={t('status.vault.label')}
              value={t(`status.vault.${status.vault}`)}
            />
          </>
        )}
      </ul>
      {version && <span className="status-version">{t('status.version', { version })}</span>}
    </footer>
  );
}
