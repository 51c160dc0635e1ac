import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultState } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import { formatCountdown } from '../../../lib/format';
import { useStore } from '../../../store';
import { ErrorAlert, FormAlert, FormStatus } from '../../../ui/FormAlert';
import { KeyIcon, LockIcon } from '../../../ui/icons';
import { useCountdown } from '../hooks/use-countdown';
import { DamagedVaultSteps } from './DamagedVault';
import { KeystoreReason } from './KeystoreReason';

type Problem =
  | { kind: 'wrong'; attempts: number }
  | { kind: 'damaged'; error: AppErrorData }
  | { kind: 'other'; error: AppErrorData };

/** The vault exists and is locked: the passphrase (or the OS keystore) opens it. */
export function UnlockScreen({ state }: { state: VaultState }) {
  const { t } = useTranslation();
  const changeVault = useStore((s) => s.changeVault);
  const loadVault = useStore((s) => s.loadVault);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<'passphrase' | 'os-keystore' | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const wait = useCountdown(state.retryAfterMs);
  const input = useRef<HTMLInputElement>(null);

  const hasKeystore = state.methods.some((m) => m.kind === 'os-keystore');
  const canUseKeystore = hasKeystore && state.keystore.available && !state.passphraseRequired;
  const waiting = wait.remaining > 0;

  async function unlock(request: Parameters<typeof api.vault.unlock>[0]): Promise<void> {
    setBusy(request.method);
    setProblem(null);
    try {
      // On success the gate gives way to the app; this form (and the passphrase) goes with it.
      await changeVault(() => api.vault.unlock(request));
    } catch (caught) {
      const error = toAppError(caught);
      // The core's count of failures and its back-off, as they are now.
      await loadVault();
      const view = useStore.getState().vault;
      const fresh = view.phase === 'ready' ? view.state : state;
      wait.start(Math.max(Number(error.details?.retryAfterMs ?? 0), fresh.retryAfterMs));
      if (error.code === 'WRONG_PASSPHRASE') {
        setProblem({ kind: 'wrong', attempts: Math.max(fresh.failedAttempts, 1) });
      } else if (error.code === 'STORE_CORRUPT') {
        setProblem({ kind: 'damaged', error: error.toData() });
      } else if (error.code !== 'TOO_MANY_ATTEMPTS') {
        setProblem({ kind: 'other', error: error.toData() });
      }
      setBusy(null);
      // Ready to type again: the wrong passphrase is selected, so typing replaces it.
      input.current?.focus();
      input.current?.select();
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (busy || waiting) return;
    if (passphrase === '') {
      input.current?.focus();
      return;
    }
    void unlock({ method: 'passphrase', passphrase });
  }

  return (
    <form className="gate-form" onSubmit={submit} noValidate>
      <LockIcon className="gate-icon" width={28} height={28} />
      <h1 className="gate-title">{t('vault.unlock.title')}</h1>
      <p className="gate-intro">{t('vault.unlock.intro')}</p>

      <div className="field">
        <label htmlFor="unlock-passphrase">{t('vault.unlock.passphrase')}</label>
        <input
          ref={input}
          id="unlock-passphrase"
          className="input"
          type="password"
          autoComplete="current-password"
          spellCheck={false}
          maxLength={1024}
          // The one thing to do on this screen.
          autoFocus
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          readOnly={busy !== null}
          aria-invalid={problem?.kind === 'wrong' || undefined}
        />
      </div>

      {problem?.kind === 'wrong' && (
        <FormAlert title={t('vault.unlock.wrongTitle')}>
          <p>{t('vault.unlock.attempts', { count: problem.attempts })}</p>
        </FormAlert>
      )}
      {problem?.kind === 'damaged' && (
        <FormAlert title={t('vault.damaged.title')}>
          <DamagedVaultSteps error={problem.error} />
        </FormAlert>
      )}
      {problem?.kind === 'other' && <ErrorAlert error={problem.error} />}
      {waiting && (
        <FormAlert title={t('vault.unlock.waitTitle')}>
          <p>{t('vault.unlock.waitBody')}</p>
          <p className="countdown">
            {t('vault.unlock.retryIn')}{' '}
            <span role="timer" aria-live="off">
              {formatCountdown(wait.remaining)}
            </span>
          </p>
        </FormAlert>
      )}
      {wait.ended && !waiting && <FormStatus>{t('vault.unlock.waitOver')}</FormStatus>}

      <div className="gate-actions">
        <button
          type="submit"
          className="button button-primary button-wide"
          disabled={busy !== null || waiting}
        >
          {busy === 'passphrase' ? t('vault.unlock.unlocking') : t('vault.unlock.submit')}
        </button>
        {canUseKeystore && (
          <button
            type="button"
            className="button button-wide"
            disabled={busy !== null}
            onClick={() => void unlock({ method: 'os-keystore' })}
          >
            <KeyIcon width={16} height={16} />
            {busy === 'os-keystore' ? t('vault.unlock.unlocking') : t('vault.unlock.keystore')}
          </button>
        )}
      </div>
      {hasKeystore && !state.keystore.available && (
        <p className="field-hint">
          <KeystoreReason reason={state.keystore.reason} />
        </p>
      )}
      {hasKeystore && state.keystore.available && state.passphraseRequired && (
        <p className="field-hint">{t('vault.unlock.passphraseRequired')}</p>
      )}
      <p className="gate-footnote">{t('vault.unlock.forgot')}</p>
    </form>
  );
}
