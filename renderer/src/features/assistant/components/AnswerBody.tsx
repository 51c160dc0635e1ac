import type { Locale } from '../../../../../common/contract';
import { formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import type { AnswerTurn } from '../../../store/assistant.slice';
import { FormAlert } from '../../../ui/FormAlert';
import { InfoIcon, ShieldIcon } from '../../../ui/icons';
import { useAssistantT, type AssistantT } from '../i18n/t';

/** One answer: its words as they stream, where it ran, notices, and how it ended. */
export function AnswerBody({ turn }: { turn: AnswerTurn }) {
  const t = useAssistantT();
  const locale = useStore((s) => s.locale);
  const active = turn.status === 'pending' || turn.status === 'streaming';
  const route = turn.route;
  const served = turn.done ?? route;

  return (
    <>
      {route && (
        <p className="answer-route">
          <ShieldIcon className="answer-route-icon" width={14} height={14} />
          {routeNotice(turn, t)}
        </p>
      )}
      {turn.notices.map((notice, index) => (
        <div key={index} className="answer-notice" role="note">
          <InfoIcon className="answer-notice-icon" width={14} height={14} />
          <p>
            <span className="cell-strong">{t(`notice.${notice.code}`)}</span>
            {': '}
            {notice.message}
          </p>
        </div>
      ))}
      {turn.text && (
        <p className="turn-text answer-text" data-testid="answer-text">
          {turn.text}
        </p>
      )}
      {active && <Activity turn={turn} t={t} />}
      {turn.status === 'stopped' && <p className="answer-stopped">{t('status.stopped')}</p>}
      {turn.status === 'failed' && turn.error && <AnswerError turn={turn} t={t} />}
      {served && turn.status !== 'failed' && (
        <p className="answer-meta">
          <span className="answer-model">
            {t('answeredBy', { model: modelLabel(served.provider, served.modelId, t) })}
          </span>
          <span className={`badge provider-${served.provider}`}>{t(`provider.${served.provider}`)}</span>
          {turn.done && turn.status === 'done' && served.provider !== 'builtin' && (
            <span className="muted">{usageLine(turn.done, locale, t)}</span>
          )}
        </p>
      )}
      {turn.done?.finish === 'length' && turn.status === 'done' && (
        <p className="answer-limit muted">{t('finishLength')}</p>
      )}
    </>
  );
}

/** What is happening before and while the words arrive; a bar against the answer's token limit. */
function Activity({ turn, t }: { turn: AnswerTurn; t: AssistantT }) {
  const progress = turn.progress;
  const percent = (done: number, total: number) => (total > 0 ? Math.floor((done / total) * 100) : 0);
  let text: string;
  if (progress?.stage === 'queued') text = t('status.queued', { count: progress.total });
  else if (progress?.stage === 'verifying')
    text = t('status.verifying', { percent: percent(progress.done, progress.total) });
  else if (progress?.stage === 'loading')
    text = t('status.loading', { percent: percent(progress.done, progress.total) });
  else if (turn.status === 'streaming' || turn.route) text = t('status.writing');
  else text = t('status.routing');
  const showBar = turn.status === 'streaming' && turn.generated > 0;

  return (
    <div className="answer-activity">
      <span className="answer-spinner" aria-hidden="true" />
      <span>{text}</span>
      {showBar && (
        <div
          className="progress answer-progress"
          role="progressbar"
          aria-label={t('status.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={turn.maxTokens}
          aria-valuenow={Math.min(turn.generated, turn.maxTokens)}
        >
          <div
            className="progress-fill"
            style={{ width: `${percent(Math.min(turn.generated, turn.maxTokens), turn.maxTokens)}%` }}
          />
        </div>
      )}
    </div>
  );
}

const EXPLAINED = ['MODEL_UNAVAILABLE', 'POLICY_DENIED', 'INVALID_ARGUMENT'] as const;
type Explained = (typeof EXPLAINED)[number];
const explained = (code: string): code is Explained => (EXPLAINED as readonly string[]).includes(code);

/** A refusal in words: what kind (in the user's language), the core's reason, and what to do. */
function AnswerError({ turn, t }: { turn: AnswerTurn; t: AssistantT }) {
  const error = turn.error!;
  const code = error.code;
  return (
    <FormAlert title={explained(code) ? t(`errors.${code}.title`) : t('errors.other.title')}>
      <p className="form-alert-message">{error.message}</p>
      {explained(code) && <p className="answer-error-hint">{t(`errors.${code}.hint`)}</p>}
    </FormAlert>
  );
}

function routeNotice(turn: AnswerTurn, t: AssistantT): string {
  const route = turn.route!;
  switch (route.provider) {
    case 'builtin':
      return t('route.builtin');
    case 'onprem':
      return route.deidentified ? t('route.deidentified') : t('route.onprem');
    case 'local':
      return turn.classification === 'phi' ? t('route.phi') : t('route.local');
  }
}

/** A built-in is named for what it does; a model by its pack id or server model name. */
export function modelLabel(provider: string, modelId: string, t: AssistantT): string {
  return provider === 'builtin' ? t('builtinModel') : modelId;
}

function usageLine(done: NonNullable<AnswerTurn['done']>, locale: Locale, t: AssistantT): string {
  return t('usage', {
    tokensIn: formatNumber(done.usage.tokensIn, locale),
    tokensOut: formatNumber(done.usage.tokensOut, locale),
    latency: formatNumber(Math.round(done.latencyMs), locale),
  });
}
