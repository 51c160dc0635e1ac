import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n';
import type { SelfTestResult, SelfTestRun } from '../../../store/self-test.slice';
import { CheckIcon, CrossIcon } from '../../../ui/icons';
import { selfTestOutcome, useSelfTest } from '../hooks/use-self-test';

/** The core's check names have labels here; a check added later still shows, under its own name. */
function checkLabel(check: string): { label: string; detail: string | null } {
  const base = `selfTest.checks.${check}`;
  if (!i18n.exists(`${base}.label`)) return { label: check, detail: null };
  // The key is built from data, so the typed `t` cannot know it; existence is checked above.
  const t = i18n.t as unknown as (key: string) => string;
  return { label: t(`${base}.label`), detail: t(`${base}.detail`) };
}

export function SelfTestPanel() {
  const { t } = useTranslation();
  const { run, start, cancel } = useSelfTest();
  const running = run?.phase === 'running';

  return (
    <section className="panel" aria-labelledby="self-test-heading">
      <h2 id="self-test-heading" className="panel-title">
        {t('selfTest.heading')}
      </h2>
      <p className="panel-hint">{t('selfTest.description')}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={start} disabled={running}>
          {run ? t('selfTest.runAgain') : t('selfTest.run')}
        </button>
        {running && (
          <button type="button" className="button" onClick={cancel}>
            {t('selfTest.cancel')}
          </button>
        )}
      </div>
      {run && <SelfTestProgress run={run} />}
    </section>
  );
}

function SelfTestProgress({ run }: { run: SelfTestRun }) {
  const { t } = useTranslation();
  const done = run.results.length;
  const total = run.total;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const outcome = selfTestOutcome(run);
  const failed = run.results.filter((r) => !r.passed).length;

  const summary = {
    running: run.current
      ? t('selfTest.running', { check: checkLabel(run.current).label })
      : t('selfTest.starting'),
    passed: t('selfTest.passed', { total }),
    failed: t('selfTest.failed', { failed, total }),
    cancelled: t('selfTest.cancelled', { done, total }),
    stopped: t('selfTest.stopped'),
  }[outcome];

  return (
    <div className="self-test">
      <div
        className={`progress progress-${outcome}`}
        role="progressbar"
        aria-label={t('selfTest.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={t('selfTest.progressText', { done, total })}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className={`self-test-summary summary-${outcome}`} role="status">
        {summary}
        {total > 0 && <span className="muted"> · {t('selfTest.progressText', { done, total })}</span>}
      </p>
      {run.results.length > 0 && (
        <ul className="check-list" aria-label={t('selfTest.resultsLabel')}>
          {run.results.map((result) => (
            <CheckRow key={result.check} result={result} />
          ))}
        </ul>
      )}
    </div>
  );
}

function CheckRow({ result }: { result: SelfTestResult }) {
  const { t } = useTranslation();
  const { label, detail } = checkLabel(result.check);
  return (
    <li className={result.passed ? 'check check-passed' : 'check check-failed'}>
      {result.passed ? <CheckIcon className="check-icon" /> : <CrossIcon className="check-icon" />}
      <span className="check-label">{label}</span>
      <span className="check-outcome">
        {result.passed ? t('selfTest.resultPassed') : t('selfTest.resultFailed')}
      </span>
      {/* On failure the core's own words say what went wrong; on success our sentence says what was proven. */}
      <span className="check-detail">{result.passed ? (detail ?? result.detail) : result.detail}</span>
    </li>
  );
}
