import { useId, useState, type FormEvent } from 'react';
import type { PackInfo } from '../../../../../common/contract';
import { MODEL_LIMITS } from '../lib/model-limits';
import { formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { ErrorAlert } from '../../../ui/FormAlert';
import { useTestPrompt } from '../hooks/use-test-prompt';
import { useModelsT } from '../i18n/t';
import { formatSpeed } from '../lib/pack-format';

const TOKEN_CHOICES = [16, 32, 64, 128, 256] as const;

/** A short prompt run on this pack, on this device: the reply, how long it took and how fast it ran. */
export function TestPromptPanel({ pack, onFinished }: { pack: PackInfo; onFinished: () => void }) {
  const t = useModelsT();
  const locale = useStore((s) => s.locale);
  const [prompt, setPrompt] = useState(() => t('test.defaultPrompt'));
  const [maxTokens, setMaxTokens] = useState<number>(32);
  const { state, run } = useTestPrompt(pack.id, onFinished);
  const promptId = useId();
  const tokensId = useId();
  const hintId = useId();
  const headingId = useId();
  const running = state.phase === 'running';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!running && prompt.trim()) void run(prompt, maxTokens);
  };

  return (
    <section className="test-prompt" aria-labelledby={headingId}>
      <h3 id={headingId} className="test-prompt-title">
        {t('test.heading', { name: pack.name })}
      </h3>
      <form className="test-prompt-form" onSubmit={submit}>
        <div className="field test-prompt-field">
          <label htmlFor={promptId}>{t('test.label')}</label>
          <textarea
            id={promptId}
            className="input"
            rows={2}
            value={prompt}
            maxLength={MODEL_LIMITS.testPromptChars}
            aria-describedby={hintId}
            onChange={(event) => setPrompt(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={tokensId}>{t('test.maxTokens')}</label>
          <select
            id={tokensId}
            className="input"
            value={maxTokens}
            onChange={(event) => setMaxTokens(Number(event.target.value))}
          >
            {TOKEN_CHOICES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={running || !prompt.trim()}>
          {running ? t('test.running') : t('test.run')}
        </button>
      </form>
      <p id={hintId} className="field-hint">
        {t('test.hint')}
      </p>
      <div aria-live="polite">
        {state.phase === 'done' && (
          <div className="test-result">
            <p className="test-result-label">{t('test.reply')}</p>
            <p className="test-reply" data-testid="test-reply">
              {state.reply.text || <span className="muted">{t('test.emptyReply')}</span>}
            </p>
            <p className="test-stats">
              <span className="cell-strong test-speed">
                {t('test.speed', { speed: formatSpeed(state.reply.tokensPerSecond, locale) })}
              </span>
              <span className="muted">
                {' · '}
                {t('test.stats', {
                  tokens: formatNumber(state.reply.usage.tokensOut, locale),
                  latency: formatNumber(Math.round(state.reply.latencyMs), locale),
                  ttft: formatNumber(Math.round(state.reply.ttftMs), locale),
                })}
              </span>
            </p>
          </div>
        )}
        {state.phase === 'failed' && <ErrorAlert error={state.error} />}
      </div>
    </section>
  );
}
