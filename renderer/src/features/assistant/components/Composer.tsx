import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { useAssistant } from '../hooks/use-assistant';
import { useAssistantT } from '../i18n/t';
import { INPUT_MAX_CHARS, canSend, type AssistantTask } from '../lib/chat-request';

const TASKS: AssistantTask[] = ['chat', 'summarize', 'translate'];

/**
 * The message box. Enter sends, Shift+Enter adds a line (and Enter that confirms an IME
 * composition, as when typing Chinese, never sends); Esc or the Stop button cancels the answer at
 * once, and focus comes back here so the next message can be typed straight away.
 */
export function Composer() {
  const t = useAssistantT();
  const { draft, context, task, targetLanguage, running, setAssistant, send, stop } = useAssistant();
  const input = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();
  const hintId = useId();
  const taskId = useId();
  const languageId = useId();
  const ready = canSend(task, draft, context, targetLanguage);

  // Focus follows the end of an answer back to the box (Stop unmounts the focused button).
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running && document.activeElement === document.body) {
      input.current?.focus();
    }
    wasRunning.current = running;
  }, [running]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (send()) input.current?.focus();
  };

  const stopNow = () => {
    stop();
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && running) {
      event.preventDefault();
      stopNow();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!running) submit();
  };

  const placeholder = {
    chat: t('input.placeholderChat'),
    summarize: t('input.placeholderSummarize'),
    translate: t('input.placeholderTranslate'),
  }[task];

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {t('input.label')}
      </label>
      <textarea
        ref={input}
        id={inputId}
        className="input composer-input"
        rows={3}
        value={draft}
        maxLength={INPUT_MAX_CHARS}
        placeholder={placeholder}
        aria-describedby={hintId}
        onChange={(event) => setAssistant({ draft: event.target.value })}
        onKeyDown={onKeyDown}
      />
      <div className="composer-bar">
        <div className="composer-options">
          <label htmlFor={taskId}>{t('task.label')}</label>
          <select
            id={taskId}
            className="input composer-select"
            value={task}
            onChange={(event) => setAssistant({ task: event.target.value as AssistantTask })}
          >
            {TASKS.map((value) => (
              <option key={value} value={value}>
                {t(`task.${value}`)}
              </option>
            ))}
          </select>
          {task === 'translate' && (
            <>
              <label htmlFor={languageId}>{t('task.targetLanguage')}</label>
              <input
                id={languageId}
                className="input composer-language"
                value={targetLanguage}
                maxLength={40}
                placeholder={t('task.targetPlaceholder')}
                onChange={(event) => setAssistant({ targetLanguage: event.target.value })}
              />
            </>
          )}
        </div>
        <p id={hintId} className="composer-hint">
          {t('input.hint')}
        </p>
        <div className="composer-actions">
          {running && (
            <button type="button" className="button" onClick={stopNow}>
              <span className="stop-square" aria-hidden="true" />
              {t('stop')}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={running || !ready}>
            {t('send')}
          </button>
        </div>
      </div>
    </form>
  );
}
