import { useSyncStatus } from '../hooks/use-sync-status';
import { useSyncT } from '../i18n/t';
import { EnrolledFacts } from './EnrolledFacts';
import { EnrollForm } from './EnrollForm';
import '../sync.css';

/** Settings' "Organisation server" panel: enroll this device, then see and drive its sync. */
export function OrganisationServerPanel() {
  const t = useSyncT();
  const { status, set } = useSyncStatus();
  return (
    <section className="panel" aria-labelledby="sync-heading">
      <h2 id="sync-heading" className="panel-title">
        {t('panel.heading')}
      </h2>
      <p className="panel-hint">{t('panel.hint')}</p>
      {status === null ? (
        <p className="loading" role="status">
          {t('panel.loading')}
        </p>
      ) : status.state === 'locked' ? (
        <p className="muted">{t('panel.locked')}</p>
      ) : status.state === 'enrolled' ? (
        <EnrolledFacts status={status} onStatus={set} />
      ) : (
        <EnrollForm status={status} onEnrolled={set} />
      )}
    </section>
  );
}
