import { useState } from 'react';
import type { SyncStatus } from '../../../../../common/contract';
import { AppError } from '../../../../../common/errors';
import { api } from '../../../api';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorAlert } from '../../../ui/FormAlert';
import { useSyncT } from '../i18n/t';

/** Removes the enrollment after a question; policy decides who may (on a managed device, IT only). */
export function UnenrollButton(props: { onStatus(status: SyncStatus): void }) {
  const t = useSyncT();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  async function unenroll(): Promise<void> {
    setAsking(false);
    setBusy(true);
    setError(null);
    try {
      props.onStatus(await api.sync.unenroll({}));
    } catch (caught) {
      setError(caught instanceof AppError ? caught : new AppError('INTERNAL', String(caught)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className="button" disabled={busy} onClick={() => setAsking(true)}>
        {t('unenroll.button')}
      </button>
      {error && <ErrorAlert error={error.toData()} />}
      {asking && (
        <ConfirmDialog
          title={t('unenroll.title')}
          confirmLabel={t('unenroll.confirm')}
          cancelLabel={t('unenroll.cancel')}
          onConfirm={() => void unenroll()}
          onCancel={() => setAsking(false)}
        >
          <p>{t('unenroll.body')}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
