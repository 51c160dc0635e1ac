import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VaultState } from '../../../../../common/contract';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import { useStore } from '../../../store';
import { ErrorAlert, FormAlert, FormStatus } from '../../../ui/FormAlert';
import { usePassphraseStrength } from '../hooks/use-passphrase-strength';
import { newPassphraseBlocker } from './SetupScreen';
import { StrengthMeter } from './StrengthMeter';

/** "Change passphrase" opens a form in place; closing it drops what was typed. */
export function ChangePassphrase({ state }: { state: VaultState }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const hasPassphrase = state.methods.some((m) => m.kind === 'passphrase');

  const close = (done: boolean): void => {
    setOpen(false);
    setChanged(done);
    // Back to the button that opened the form, once it is enabled again.
    requestAnimationFrame(() => toggle.current?.focus());
  };

  return (
    <div className="subpanel" role="group" aria-labelledby="passphrase-heading">
      <h3 id="passphrase-heading" className="subpanel-title">
        {t('vault.change.heading')}
      </h3>
      <div className="button-row">
        <button
          ref={toggle}
          type="button"
          className="button"
          aria-expanded={open}
          aria-controls="change-passphrase-form"
          disabled={open}
          onClick={() => {
            setChanged(false);
            setOpen(true);
          }}
        >
          {hasPassphrase ? t('vault.change.open') : t('vault.change.openAdd')}
        </button>
      </div>
      {changed && <FormStatus>{t('vault.change.done')}</FormStatus>}
      {open && <ChangePassphraseForm askCurrent={hasPassphrase} onClose={close} />}
    </div>
  );
}

function ChangePassphraseForm(props: { askCurrent: boolean; onClose(done: boolean): void }) {
  const { t } = useTranslation();
  const changeVault = useStore((s) => s.changeVault);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const strength = usePassphraseStrength(next);
  const blocker =
    props.askCurrent && current === ''
      ? ('vault.change.reason.current' as const)
      : newPassphraseBlocker(next, confirm, strength);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (blocker !== null || busy) return;
    setBusy(true);
    setError(null);
    try {
      await changeVault(() => api.vault.changePassphrase({ ...(props.askCurrent && { current }), next }));
      props.onClose(true);
    } catch (caught) {
      setError(toAppError(caught).toData());
      setBusy(false);
    }
  }

  return (
    <form
      id="change-passphrase-form"
      className="subform"
      onSubmit={(event) => void save(event)}
      noValidate
      aria-labelledby="passphrase-heading"
    >
      {props.askCurrent && (
        <div className="field">
          <label htmlFor="change-current">{t('vault.change.current')}</label>
          <input
            id="change-current"
            className="input"
            type="password"
            autoComplete="current-password"
            spellCheck={false}
            maxLength={1024}
            autoFocus
            value={current}
            readOnly={busy}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="change-next">{t('vault.change.next')}</label>
        <input
          id="change-next"
          className="input"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          maxLength={1024}
          autoFocus={!props.askCurrent}
          value={next}
          readOnly={busy}
          onChange={(event) => setNext(event.target.value)}
          aria-describedby="change-strength"
        />
      </div>
      <StrengthMeter strength={strength} id="change-strength" />
      <div className="field">
        <label htmlFor="change-confirm">{t('vault.change.confirm')}</label>
        <input
          id="change-confirm"
          className="input"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          maxLength={1024}
          value={confirm}
          readOnly={busy}
          onChange={(event) => setConfirm(event.target.value)}
        />
      </div>
      {error?.code === 'WRONG_PASSPHRASE' ? (
        <FormAlert title={t('vault.change.wrongCurrent')}>
          <p>{t('vault.change.unchanged')}</p>
        </FormAlert>
      ) : (
        error && <ErrorAlert error={error} />
      )}
      <div className="button-row">
        <button
          type="submit"
          className="button button-primary"
          disabled={blocker !== null || busy}
          aria-describedby={blocker ? 'change-blocker' : undefined}
        >
          {busy ? t('vault.change.saving') : t('vault.change.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => props.onClose(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {blocker && (
        <p id="change-blocker" className="form-reason">
          {t(blocker)}
        </p>
      )}
    </form>
  );
}
