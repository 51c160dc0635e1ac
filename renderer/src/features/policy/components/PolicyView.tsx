import { SectionPage } from '../../../ui/SectionPage';
import { QueryView } from '../../../ui/QueryView';
import { RefreshIcon } from '../../../ui/icons';
import { useStore } from '../../../store';
import { useManagedSettings, usePermissionMatrix, usePolicyCurrent } from '../hooks/use-policy';
import { usePolicyT } from '../i18n/t';
import { CheckActionForm } from './CheckActionForm';
import { PermissionMatrix } from './PermissionMatrix';
import { PolicyInForce, PolicySettings, RefusalBanner } from './PolicyOverview';
import '../policy.css';

/**
 * The Policy section: the policy in force and where it came from, its settings in words, what the
 * user may do (each answer from `policy.explain`, with its reason on demand) and a what-if form.
 */
export function PolicyView() {
  const t = usePolicyT();
  const locale = useStore((s) => s.locale);
  const policy = usePolicyCurrent();
  const matrix = usePermissionMatrix();
  const managed = useManagedSettings();
  const lockedIdle =
    managed.status === 'ready'
      ? managed.data.items.find((item) => item.key === 'IdleLockMinutes' && item.lockedBy !== null)?.value
      : undefined;
  const managedIdleLock = typeof lockedIdle === 'number' ? lockedIdle : null;
  const busy = [policy, matrix].some(
    (query) => query.status === 'loading' || (query.status === 'ready' && query.refreshing),
  );

  const refresh = () => {
    policy.reload();
    matrix.reload();
    managed.reload();
  };

  return (
    <SectionPage
      title={t('title')}
      description={t('description')}
      actions={
        <button type="button" className="button" onClick={refresh} aria-busy={busy}>
          <RefreshIcon width={15} height={15} />
          {t('refresh')}
        </button>
      }
    >
      <div className="panels policy-panels">
        <QueryView query={policy}>
          {(current) => (
            <>
              {current.lastRefusal && <RefusalBanner refusal={current.lastRefusal} locale={locale} t={t} />}
              <PolicyInForce current={current} locale={locale} t={t} />
              <PolicySettings
                settings={current.settings}
                managedIdleLock={managedIdleLock}
                locale={locale}
                t={t}
              />
            </>
          )}
        </QueryView>
        <PermissionMatrix query={matrix} t={t} />
        <CheckActionForm t={t} />
      </div>
    </SectionPage>
  );
}
