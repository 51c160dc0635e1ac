import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../../common/errors';
import { api, toAppError } from '../../../api';
import { useStore } from '../../../store';
import type { ReencryptRun } from '../../../store/reencrypt.slice';
import { ErrorAlert, FormStatus } from '../../../ui/FormAlert';

/** Rotating the data key (new writes only) and re-encrypting everything (after a suspected leak). */
export function DataKeys() {
  const { t } = useTranslation();
  const setVaultStats = useStore((s) => s.setVaultStats);
  const run = useStore((s) => s.reencrypt);
  const startReencrypt = useStore((s) => s.startReencrypt);
  const [rotating, setRotating] = useState(false);
  const [rotation, setRotation] = useState<{ dataKeys: number } | { error: AppErrorData } | null>(null);
  const running = run?.phase === 'running';

  async function rotate(): Promise<void> {
    setRotating(true);
    setRotation(null);
    try {
      const stats = await api.vault.rotateKeys({});
      setVaultStats(stats);
      setRotation({ dataKeys: stats.dataKeys });
    } catch (caught) {
      setRotation({ error: toAppError(caught).toData() });
    } finally {
      setRotating(false);
    }
  }

  return (
    <div className="subpanel" role="group" aria-labelledby="data-keys-heading">
      <h3 id="data-keys-heading" className="subpanel-title">
        {t('vault.keys.heading')}
      </h3>
      <div className="key-action">
        <p className="panel-hint">{t('vault.keys.rotateHint')}</p>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={rotating || running}
            onClick={() => void rotate()}
          >
            {rotating ? t('vault.keys.rotating') : t('vault.keys.rotate')}
          </button>
        </div>
        {rotation &&
          ('error' in rotation ? (
            <ErrorAlert error={rotation.error} />
          ) : (
            <FormStatus>{t('vault.keys.rotated', { count: rotation.dataKeys })}</FormStatus>
          ))}
      </div>
      <div className="key-action">
        <p className="panel-hint">{t('vault.keys.reencryptHint')}</p>
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={running || rotating}
            onClick={() => {
              // Re-encryption retires the old data keys: the rotation's count would be out of date.
              setRotation(null);
              startReencrypt();
            }}
          >
            {t('vault.keys.reencrypt')}
          </button>
        </div>
        {run && <ReencryptProgress run={run} />}
      </div>
    </div>
  );
}

function ReencryptProgress({ run }: { run: ReencryptRun }) {
  const { t } = useTranslation();
  const { done, total } = run;
  const percent = run.phase === 'finished' ? 100 : total > 0 ? Math.round((done / total) * 100) : 0;
  const tone = run.phase === 'finished' ? 'passed' : run.phase === 'stopped' ? 'stopped' : 'running';
  return (
    <div className="self-test">
      <div
        className={`progress progress-${tone}`}
        role="progressbar"
        aria-label={t('vault.keys.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('vault.keys.progressText', { done, total })}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {run.phase === 'stopped' && run.error ? (
        <ErrorAlert error={run.error} />
      ) : (
        <p className={`self-test-summary summary-${tone}`} role="status">
          {run.phase === 'finished'
            ? t('vault.keys.finished', { count: total })
            : total > 0
              ? t('vault.keys.running', { done, total })
              : t('vault.keys.starting')}
        </p>
      )}
    </div>
  );
}
