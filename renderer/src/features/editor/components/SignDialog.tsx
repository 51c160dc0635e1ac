import { useEffect, useId, useRef, useState } from 'react';
import type { ReplyOf } from '../../../../../common/contract';
import { SIGNATURE_MEANINGS, type SignatureMeaning } from '../../../../../common/documents';
import { api, toAppError } from '../../../api';
import { useEditorT } from '../i18n/t';

/** Signing: a meaning and the passphrase again (re-authentication); errors stay in the dialog. */
export function SignDialog(props: {
  documentId: string;
  version: number;
  onSigned(reply: ReplyOf<'documents.sign'>): void;
  onClose(): void;
}) {
  const t = useEditorT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [meaning, setMeaning] = useState<SignatureMeaning>('author');
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const reply = await api.documents.sign({
        id: props.documentId,
        version: props.version,
        meaning,
        passphrase,
      });
      setPassphrase('');
      props.onSigned(reply);
    } catch (e) {
      setError(toAppError(e).message);
      setPassphrase('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialog sign-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id={titleId} className="dialog-title">
          {t('signDialog.title')}
        </h2>
        <p>{t('signDialog.intro', { version: props.version })}</p>
        <fieldset className="meaning-choice">
          <legend>{t('signDialog.meaning')}</legend>
          {SIGNATURE_MEANINGS.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="meaning"
                value={m}
                checked={meaning === m}
                onChange={() => setMeaning(m)}
              />{' '}
              {t(`meaning.${m}`)}
            </label>
          ))}
        </fieldset>
        <label className="field-label" htmlFor={`${titleId}-pass`}>
          {t('signDialog.passphrase')}
        </label>
        <input
          id={`${titleId}-pass`}
          className="input"
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoFocus
          required
        />
        {error && (
          <p className="field-flag field-flag-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={props.onClose}>
            {t('signDialog.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !passphrase}>
            {busy ? t('signDialog.signing') : t('signDialog.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
