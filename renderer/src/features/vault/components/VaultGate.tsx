import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../../common/errors';
import { BootScreen } from '../../../app/BootScreen';
import { useStore } from '../../../store';
import { ErrorAlert } from '../../../ui/FormAlert';
import { AlertIcon } from '../../../ui/icons';
import { DamagedVaultSteps } from './DamagedVault';
import { GateLayout } from './GateLayout';
import { SetupScreen } from './SetupScreen';
import { UnlockScreen } from './UnlockScreen';

/** Everything before the vault is open: first-run setup, unlock, or why the vault cannot be read. */
export function VaultGate() {
  const view = useStore((s) => s.vault);
  if (view.phase === 'loading') return <BootScreen />;
  return (
    <GateLayout>
      {view.phase === 'failed' ? (
        <VaultUnreadable error={view.error} />
      ) : view.state.state === 'absent' ? (
        <SetupScreen state={view.state} />
      ) : (
        <UnlockScreen state={view.state} />
      )}
    </GateLayout>
  );
}

function VaultUnreadable({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  const loadVault = useStore((s) => s.loadVault);
  const damaged = error.code === 'STORE_CORRUPT';
  return (
    <div className="gate-form">
      <AlertIcon className="gate-icon gate-icon-danger" width={28} height={28} />
      <h1 className="gate-title">{damaged ? t('vault.damaged.title') : t('vault.unreadable.title')}</h1>
      {damaged ? (
        <DamagedVaultSteps error={error} />
      ) : (
        <>
          <p className="gate-intro">{t('vault.unreadable.body')}</p>
          <ErrorAlert error={error} />
        </>
      )}
      <div className="gate-actions">
        <button type="button" className="button" onClick={() => void loadVault()}>
          {t('common.retry')}
        </button>
      </div>
    </div>
  );
}
