import { useState, type FormEvent } from 'react';
import type { SyncStatus } from '../../../../../common/contract';
import { AppError } from '../../../../../common/errors';
import { api } from '../../../api';
import { FormAlert, FormStatus } from '../../../ui/FormAlert';
import { LockIcon } from '../../../ui/icons';
import { useSyncT, type SyncT } from '../i18n/t';
import { failureMessage } from '../lib/enroll-error';

function LockedNote({ t, id }: { t: SyncT; id: string }) {
  return (
    <span className="sync-locked field-hint" id={id}>
      <LockIcon width={14} height={14} aria-hidden="true" />
      {t('form.setByOrganisation')}
    </span>
  );
}

/** Server URL and tenant (prefilled, locked where IT set them), the one-time code, and Enroll. */
export function EnrollForm(props: { status: SyncStatus; onEnrolled(status: SyncStatus): void }) {
  const t = useSyncT();
  const { prefill } = props.status;
  const [serverUrl, setServerUrl] = useState(prefill.serverUrl ?? '');
  const [tenant, setTenant] = useState(prefill.tenant ?? '');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [missing, setMissing] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const url = prefill.serverUrlLocked ? (prefill.serverUrl ?? '') : serverUrl.trim();
    const id = prefill.tenantLocked ? (prefill.tenant ?? '') : tenant.trim();
    if (!url || !id || code.trim().length < 8) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      props.onEnrolled(await api.sync.enroll({ serverUrl: url, tenant: id, code: code.trim() }));
      setCode('');
    } catch (caught) {
      setError(caught instanceof AppError ? caught : new AppError('INTERNAL', String(caught)));
    } finally {
      setBusy(false);
    }
  }

  const failure = error ? failureMessage(error) : null;
  return (
    <form className="subform sync-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
      <div className="field">
        <label htmlFor="sync-server-url">{t('form.serverUrl')}</label>
        <input
          id="sync-server-url"
          className="input"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          maxLength={2048}
          placeholder="https://"
          value={prefill.serverUrlLocked ? (prefill.serverUrl ?? '') : serverUrl}
          readOnly={prefill.serverUrlLocked || busy}
          aria-describedby={prefill.serverUrlLocked ? 'sync-server-url-locked' : undefined}
          onChange={(event) => setServerUrl(event.target.value)}
        />
        {prefill.serverUrlLocked && <LockedNote t={t} id="sync-server-url-locked" />}
      </div>
      <div className="field">
        <label htmlFor="sync-tenant">{t('form.tenant')}</label>
        <input
          id="sync-tenant"
          className="input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={128}
          value={prefill.tenantLocked ? (prefill.tenant ?? '') : tenant}
          readOnly={prefill.tenantLocked || busy}
          aria-describedby={prefill.tenantLocked ? 'sync-tenant-locked' : undefined}
          onChange={(event) => setTenant(event.target.value)}
        />
        {prefill.tenantLocked && <LockedNote t={t} id="sync-tenant-locked" />}
      </div>
      <div className="field">
        <label htmlFor="sync-code">{t('form.code')}</label>
        <input
          id="sync-code"
          className="input"
          type="text"
          autoComplete="one-time-code"
          spellCheck={false}
          maxLength={64}
          value={code}
          readOnly={busy}
          aria-describedby="sync-code-hint"
          aria-invalid={failure?.key === 'errors.wrongCode' || undefined}
          onChange={(event) => setCode(event.target.value)}
        />
        <span className="field-hint" id="sync-code-hint">
          {t('form.codeHint')}
        </span>
      </div>
      {missing && <FormAlert title={t('form.missing')} />}
      {failure && (
        <FormAlert title={t('errors.title')}>
          <p className="form-alert-message">{t(failure.key, { message: failure.message })}</p>
        </FormAlert>
      )}
      {busy && <FormStatus>{t('form.enrolling')}</FormStatus>}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('form.enroll')}
        </button>
      </div>
    </form>
  );
}
