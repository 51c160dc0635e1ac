import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultState } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import { useStore } from '../../../store';
import { ErrorAlert } from '../../../ui/FormAlert';
import { InfoIcon, ShieldIcon } from '../../../ui/icons';
import { usePassphraseStrength, type StrengthRating } from '../hooks/use-passphrase-strength';
import { KeystoreReason } from './KeystoreReason';
import { StrengthMeter } from './StrengthMeter';

/** Why a new passphrase cannot be used yet, or null when it can (shared with Change passphrase). */
export function newPassphraseBlocker(passphrase: string, confirm: string, strength: StrengthRating) {
  if (passphrase === '') return 'vault.setup.reason.enterPassphrase' as const;
  if (!strength.current || !strength.rating) return 'vault.setup.reason.checking' as const;
  if (!strength.rating.acceptable) return 'vault.setup.reason.tooWeak' as const;
  if (confirm === '') return 'vault.setup.reason.confirm' as const;
  if (confirm !== passphrase) return 'vault.setup.reason.mismatch' as const;
  return null;
}

/** First run: choose the passphrase that protects the new vault (and, where possible, the keystore). */
export function SetupScreen({ state }: { state: VaultState }) {
  const { t } = useTranslation();
  const changeVault = useStore((s) => s.changeVault);
  const loadVault = useStore((s) => s.loadVault);
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [reveal, setReveal] = useState(false);
  const [useKeystore, setUseKeystore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const strength = usePassphraseStrength(passphrase);
  const blocker = newPassphraseBlocker(passphrase, confirm, strength);
  const keystore = state.keystore;

  async function create(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (blocker !== null || busy) return;
    setBusy(true);
    setError(null);
    try {
      // On success the gate gives way to the app; this form (and the passphrase) goes with it.
      await changeVault(() =>
        api.vault.create({ passphrase, useOsKeystore: useKeystore && keystore.available }),
      );
    } catch (caught) {
      const appError = toAppError(caught);
      setError(appError.toData());
      setBusy(false);
      if (appError.code === 'VAULT_EXISTS') void loadVault();
    }
  }

  const inputType = reveal ? 'text' : 'password';
  return (
    <form className="gate-form" onSubmit={(event) => void create(event)} noValidate>
      <ShieldIcon className="gate-icon" width={28} height={28} />
      <h1 className="gate-title">{t('vault.setup.title')}</h1>
      <p className="gate-intro">{t('vault.setup.intro')}</p>

      <div className="field">
        <label htmlFor="setup-passphrase">{t('vault.setup.passphrase')}</label>
        <input
          id="setup-passphrase"
          className="input"
          type={inputType}
          autoComplete="new-password"
          spellCheck={false}
          maxLength={1024}
          // The first thing to do on this screen; nothing else competes for focus.
          autoFocus
          value={passphrase}
          onChange={(event) => setPassphrase(event.target.value)}
          readOnly={busy}
          aria-describedby="setup-passphrase-hint setup-strength"
        />
        <p id="setup-passphrase-hint" className="field-hint">
          {t('vault.setup.passphraseHint')}
        </p>
      </div>
      <StrengthMeter strength={strength} id="setup-strength" />

      <div className="field">
        <label htmlFor="setup-confirm">{t('vault.setup.confirm')}</label>
        <input
          id="setup-confirm"
          className="input"
          type={inputType}
          autoComplete="new-password"
          spellCheck={false}
          maxLength={1024}
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          readOnly={busy}
        />
      </div>
      <label className="check-field">
        <input type="checkbox" checked={reveal} onChange={(event) => setReveal(event.target.checked)} />
        <span>{t('vault.setup.show')}</span>
      </label>

      <div className="option">
        <label className="check-field">
          <input
            type="checkbox"
            checked={useKeystore && keystore.available}
            disabled={!keystore.available || busy}
            onChange={(event) => setUseKeystore(event.target.checked)}
            aria-describedby="setup-keystore-note"
          />
          <span>{t('vault.setup.keystore')}</span>
        </label>
        <p id="setup-keystore-note" className="field-hint option-hint">
          {keystore.available ? t('vault.setup.keystoreHint') : <KeystoreReason reason={keystore.reason} />}
        </p>
      </div>

      <div className="note" role="note">
        <InfoIcon className="note-icon" />
        <p>
          <strong>{t('vault.setup.recoveryTitle')}</strong> {t('vault.setup.recoveryBody')}
        </p>
      </div>

      {error && <ErrorAlert error={error} />}
      <div className="gate-actions">
        <button
          type="submit"
          className="button button-primary button-wide"
          disabled={blocker !== null || busy}
          aria-describedby={blocker ? 'setup-blocker' : undefined}
        >
          {busy ? t('vault.setup.creating') : t('vault.setup.create')}
        </button>
        {blocker && (
          <p id="setup-blocker" className="form-reason">
            {t(blocker)}
          </p>
        )}
      </div>
    </form>
  );
}
