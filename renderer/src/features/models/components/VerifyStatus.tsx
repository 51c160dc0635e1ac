import type { PackInfo } from '../../../../../common/contract';
import { formatBytes } from '../../../lib/format';
import { useStore } from '../../../store';
import { CheckIcon, CrossIcon } from '../../../ui/icons';
import type { VerifyState } from '../hooks/use-verify';
import { useModelsT } from '../i18n/t';

/**
 * A verification under way or finished: the progress bar (bytes hashed, against the pack's size)
 * stays after the end, full and green when every file matched, red when one did not — with the
 * core's sentence naming that file.
 */
export function VerifyStatus(props: {
  name: string;
  state: Exclude<VerifyState, { phase: 'idle' }>;
  integrity: PackInfo['integrity'];
  problem: string | undefined;
}) {
  const t = useModelsT();
  const locale = useStore((s) => s.locale);
  const { state } = props;

  if (state.phase === 'stopped' || state.phase === 'error') {
    return (
      <>
        <span className="badge">{t(`integrity.${props.integrity}`)}</span>
        <span className="cell-sub verify-note" role="status">
          {state.phase === 'stopped'
            ? t('verify.stopped')
            : t('verify.error', { message: state.error.message })}
        </span>
      </>
    );
  }

  const total = state.total;
  const done = state.phase === 'running' ? state.done : total;
  const percent = state.phase === 'running' ? (total > 0 ? Math.floor((done / total) * 100) : 0) : 100;
  const tone = state.phase === 'running' ? 'running' : state.phase;

  return (
    <div className="verify">
      {state.phase === 'passed' && (
        <span className="badge badge-ok">
          <CheckIcon className="badge-icon" width={12} height={12} />
          {t('integrity.verified')}
        </span>
      )}
      {state.phase === 'failed' && (
        <span className="badge badge-danger">
          <CrossIcon className="badge-icon" width={12} height={12} />
          {t('integrity.failed')}
        </span>
      )}
      <div
        className={`progress verify-progress progress-${tone}`}
        role="progressbar"
        aria-label={t('verify.progressLabel', { name: props.name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={
          total > 0
            ? t('verify.progressText', {
                done: formatBytes(done, locale),
                total: formatBytes(total, locale),
              })
            : t('verify.starting')
        }
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className={`cell-sub verify-note verify-${tone}`} role="status">
        {state.phase === 'running' &&
          (state.file ? t('verify.checking', { file: state.file }) : t('verify.starting'))}
        {state.phase === 'passed' && t('verify.passed')}
        {state.phase === 'failed' && t('verify.failed', { problem: state.problem })}
      </span>
    </div>
  );
}
