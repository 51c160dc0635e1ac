import { useId } from 'react';
import type { Classification } from '../../../../../common/contract';
import { formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { MODEL_LIMITS } from '../../models/lib/model-limits';
import { useAssistant } from '../hooks/use-assistant';
import { useAssistantT } from '../i18n/t';
import { CONTEXT_MAX_CHARS } from '../lib/chat-request';

const CLASSIFICATIONS: Classification[] = ['public', 'internal', 'confidential', 'phi'];

/**
 * What the conversation is about: its classification (which decides where requests may run) and
 * an optional pasted text. Document editing arrives later; then the open document fills this in.
 */
export function ContextPanel() {
  const t = useAssistantT();
  const locale = useStore((s) => s.locale);
  const { classification, context, maxTokens, setAssistant } = useAssistant();
  const headingId = useId();
  const classificationId = useId();
  const classificationHintId = useId();
  const contextId = useId();
  const contextHintId = useId();
  const tokensId = useId();

  return (
    <aside className="context-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        {t('context.heading')}
      </h2>
      <div className="field">
        <label htmlFor={classificationId}>{t('context.classification')}</label>
        <select
          id={classificationId}
          className="input"
          value={classification}
          aria-describedby={classificationHintId}
          onChange={(event) => setAssistant({ classification: event.target.value as Classification })}
        >
          {CLASSIFICATIONS.map((value) => (
            <option key={value} value={value}>
              {t(`classification.${value}`)}
            </option>
          ))}
        </select>
        <p id={classificationHintId} className="field-hint">
          {t('context.classificationHint')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={contextId}>{t('context.text')}</label>
        <textarea
          id={contextId}
          className="input context-text"
          rows={8}
          value={context}
          maxLength={CONTEXT_MAX_CHARS}
          aria-describedby={contextHintId}
          onChange={(event) => setAssistant({ context: event.target.value })}
        />
        <p id={contextHintId} className="field-hint">
          {t('context.textHint')}{' '}
          {t('context.chars', {
            count: formatNumber(context.length, locale),
            max: formatNumber(CONTEXT_MAX_CHARS, locale),
          })}
        </p>
      </div>
      <div className="field">
        <label htmlFor={tokensId}>{t('task.maxTokens')}</label>
        <input
          id={tokensId}
          className="input"
          type="number"
          min={1}
          max={MODEL_LIMITS.maxTokens}
          step={1}
          value={maxTokens}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isFinite(value)) setAssistant({ maxTokens: value });
          }}
        />
      </div>
    </aside>
  );
}
