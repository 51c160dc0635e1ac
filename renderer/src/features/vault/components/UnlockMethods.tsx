import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnlockMethod, VaultState } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import { formatDate } from '../../../lib/format';
import { useStore } from '../../../store';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorAlert, FormAlert, FormStatus } from '../../../ui/FormAlert';
import { KeyIcon } from '../../../ui/icons';
import { KeystoreReason } from './KeystoreReason';

type Outcome =
  | { kind: 'removed'; name: string }
  | { kind: 'keystoreAdded' }
  | { kind: 'lastMethod' }
  | { kind: 'failed'; error: AppErrorData };

/** The ways this vault can be opened, each removable (after a question), and adding the keystore. */
export function UnlockMethods({ state }: { state: VaultState }) {
  const { t } = useTranslation();
  const locale = useStore((s) => s.locale);
  const changeVault = useStore((s) => s.changeVault);
  const [confirming, setConfirming] = useState<UnlockMethod | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const hasKeystore = state.methods.some((m) => m.kind === 'os-keystore');
  const kindName = (method: UnlockMethod) => t(`vault.methods.kinds.${method.kind}`);

  async function run(call: () => Promise<VaultState>, success: Outcome): Promise<void> {
    setBusy(true);
    setOutcome(null);
    try {
      await changeVault(call);
      setOutcome(success);
    } catch (caught) {
      const error = toAppError(caught);
      // The core keeps at least one passphrase or recovery method (the keystore alone can be lost).
      setOutcome(
        error.code === 'INVALID_ARGUMENT'
          ? { kind: 'lastMethod' }
          : { kind: 'failed', error: error.toData() },
      );
    } finally {
      setBusy(false);
    }
  }

  function remove(method: UnlockMethod): void {
    setConfirming(null);
    void run(() => api.vault.removeMethod({ id: method.id }), { kind: 'removed', name: kindName(method) });
  }

  return (
    <div className="subpanel" aria-labelledby="unlock-methods-heading" role="group">
      <h3 id="unlock-methods-heading" className="subpanel-title">
        {t('vault.methods.heading')}
      </h3>
      <ul className="method-list">
        {state.methods.map((method) => (
          <li key={method.id} className="method">
            <KeyIcon className="method-icon" />
            <div className="method-text">
              <span className="cell-strong">{kindName(method)}</span>
              {method.kind !== 'passphrase' && (
                <span className="muted" lang="en">
                  {' '}
                  · {method.label}
                </span>
              )}
              <span className="method-date">
                {t('vault.methods.added', { date: formatDate(method.createdAt, locale) })}
              </span>
            </div>
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              aria-label={t('vault.methods.removeNamed', { name: kindName(method) })}
              onClick={() => setConfirming(method)}
            >
              {t('vault.methods.remove')}
            </button>
          </li>
        ))}
      </ul>
      {outcome?.kind === 'removed' && (
        <FormStatus>{t('vault.methods.removed', { name: outcome.name })}</FormStatus>
      )}
      {outcome?.kind === 'keystoreAdded' && <FormStatus>{t('vault.keystore.added')}</FormStatus>}
      {outcome?.kind === 'lastMethod' && (
        <FormAlert title={t('vault.methods.refused')}>
          <p>{t('vault.methods.lastMethod')}</p>
        </FormAlert>
      )}
      {outcome?.kind === 'failed' && <ErrorAlert error={outcome.error} />}

      {!hasKeystore && (
        <div className="option">
          <button
            type="button"
            className="button"
            disabled={!state.keystore.available || busy}
            aria-describedby="add-keystore-note"
            onClick={() => void run(() => api.vault.addKeystore({}), { kind: 'keystoreAdded' })}
          >
            <KeyIcon width={16} height={16} />
            {t('vault.keystore.add')}
          </button>
          <p id="add-keystore-note" className="panel-hint">
            {state.keystore.available ? (
              t('vault.keystore.addHint')
            ) : (
              <KeystoreReason reason={state.keystore.reason} />
            )}
          </p>
        </div>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('vault.methods.confirmTitle', { name: kindName(confirming) })}
          confirmLabel={t('vault.methods.remove')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => remove(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>{t('vault.methods.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
