import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Classification } from '../../../../../common/contract';
import {
  localize,
  plainToRichDoc,
  type AiAction,
  type AiProvenance,
  type FieldValue,
  type RichDoc,
  type Section,
} from '../../../../../common/documents';
import { api, openStream } from '../../../api';
import { useEditorT } from '../i18n/t';
import { actionInput, actionTarget, isRichDoc, type Values } from '../lib/editor-values';

interface Suggestion {
  action: AiAction;
  text: string;
  status: 'streaming' | 'done' | 'failed';
  error?: string;
  modelId?: string;
  provider?: string;
  deidentified?: boolean;
}

/** The pack hash behind a model id, for provenance ('' for built-in helpers that have no pack). */
async function packHashOf(modelId: string): Promise<string> {
  try {
    const { items } = await api.models.packs({});
    return items.find((p) => p.id === modelId)?.packHash ?? '';
  } catch {
    return '';
  }
}

/** Appends accepted AI text to a field, marked with its provenance. */
function withSuggestion(
  current: FieldValue | undefined,
  text: string,
  provenance: AiProvenance,
  rich: boolean,
): FieldValue {
  if (!rich) return typeof current === 'string' && current.trim() ? `${current}\n${text}` : text;
  const added = plainToRichDoc(text, [{ type: 'aiProvenance', attrs: { ...provenance } }]);
  const base: RichDoc = isRichDoc(current) ? current : { type: 'doc', content: [] };
  const kept = (base.content ?? []).filter((n) => !(n.type === 'paragraph' && !n.content?.length));
  return { type: 'doc', content: [...kept, ...(added.content ?? [])] };
}

/**
 * A section's AI actions. The answer streams into a suggestion card; the user accepts it (it is
 * appended to the target field with provenance), edits it first, or rejects it. Nothing is
 * written into the document without that click.
 */
export function AiAssist(props: {
  sections: readonly Section[];
  section: Section;
  values: Values;
  documentId: string;
  classification: Classification;
  onAccept(fieldId: string, value: FieldValue, provenance: AiProvenance): void;
}) {
  const { section } = props;
  const { i18n } = useTranslation();
  const t = useEditorT();
  const [open, setOpen] = useState(false);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const cancel = useRef<(() => void) | null>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';

  useEffect(() => () => cancel.current?.(), []);
  useEffect(() => {
    if (open) menuRef.current?.querySelector('button')?.focus();
  }, [open]);

  if (!section.aiActions?.length) return null;

  function run(action: AiAction) {
    setOpen(false);
    setNotice(null);
    const input = actionInput(props.sections, section, action, props.values);
    if (!input.trim()) {
      setNotice(t('ai.empty'));
      return;
    }
    cancel.current?.();
    setEditing(false);
    setSuggestion({ action, text: '', status: 'streaming' });
    const messages =
      action.task === 'chat'
        ? [
            { role: 'system' as const, content: action.prompt },
            { role: 'user' as const, content: input },
          ]
        : [{ role: 'user' as const, content: input }];
    cancel.current = openStream(
      'assistant.chat',
      {
        messages,
        task: action.task,
        ...(action.task === 'translate' && {
          targetLanguage: action.targetLanguage === 'zh' ? 'zh-CN' : 'en',
        }),
        documentId: props.documentId,
        classification: props.classification,
        maxTokens: 400,
      },
      {
        onEvent(event) {
          setSuggestion((s) => {
            if (!s) return s;
            if (event.type === 'route')
              return {
                ...s,
                modelId: event.modelId,
                provider: event.provider,
                deidentified: event.deidentified,
              };
            if (event.type === 'token') return { ...s, text: s.text + event.text };
            if (event.type === 'done')
              return { ...s, status: 'done', modelId: event.modelId, provider: event.provider };
            return s;
          });
        },
        onEnd() {
          setSuggestion((s) => (s && s.status === 'streaming' ? { ...s, status: 'done' } : s));
        },
        onError(error) {
          setSuggestion((s) => (s ? { ...s, status: 'failed', error: error.message } : s));
        },
      },
    );
  }

  async function accept() {
    if (!suggestion) return;
    const target = actionTarget(section, suggestion.action);
    if (!target) return;
    const modelId = suggestion.modelId ?? 'unknown';
    const provenance: AiProvenance = {
      model: modelId,
      packSha256: suggestion.provider === 'builtin' ? '' : await packHashOf(modelId),
      provider: suggestion.provider ?? 'unknown',
      at: new Date().toISOString(),
      action: suggestion.action.id,
    };
    props.onAccept(
      target.id,
      withSuggestion(props.values[target.id], suggestion.text.trim(), provenance, target.type === 'richtext'),
      provenance,
    );
    setSuggestion(null);
  }

  const target = suggestion ? actionTarget(section, suggestion.action) : undefined;
  const menuId = `ai-menu-${section.id}`;
  return (
    <div className="ai-assist">
      <button
        type="button"
        className="button button-small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        ✦ {t('ai.menu')}
      </button>
      {open && (
        <ul
          id={menuId}
          ref={menuRef}
          role="menu"
          className="ai-menu"
          onKeyDown={(e) => {
            const items = [...(menuRef.current?.querySelectorAll('button') ?? [])];
            const i = items.indexOf(document.activeElement as HTMLButtonElement);
            if (e.key === 'Escape') setOpen(false);
            if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
            if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
          }}
        >
          {section.aiActions.map((action) => (
            <li key={action.id} role="none">
              <button type="button" role="menuitem" className="ai-menu-item" onClick={() => run(action)}>
                {action.label[lang]}
              </button>
            </li>
          ))}
        </ul>
      )}
      {notice && <p className="field-flag field-flag-warning">{notice}</p>}
      {suggestion && (
        <section
          className="suggestion"
          aria-label={t('ai.suggestion', { field: target ? localize(target.label, i18n.language) : '' })}
          data-status={suggestion.status}
        >
          <header className="suggestion-head">
            <strong>
              {t('ai.suggestion', { field: target ? localize(target.label, i18n.language) : '' })}
            </strong>
            {suggestion.modelId && (
              <span className="suggestion-model">
                {t('ai.from', { model: suggestion.modelId, provider: suggestion.provider ?? '' })}
              </span>
            )}
          </header>
          {suggestion.deidentified && <p className="suggestion-note">{t('ai.deidentified')}</p>}
          {suggestion.status === 'failed' ? (
            <p className="field-flag field-flag-error" role="alert">
              {t('ai.failed', { message: suggestion.error ?? '' })}
            </p>
          ) : editing ? (
            <textarea
              className="input suggestion-text"
              aria-label={t('ai.edit')}
              value={suggestion.text}
              rows={6}
              onChange={(e) => setSuggestion({ ...suggestion, text: e.target.value })}
            />
          ) : (
            <p className="suggestion-text" aria-live="polite">
              {suggestion.text || t('ai.running')}
            </p>
          )}
          <div className="suggestion-actions">
            <button
              type="button"
              className="button button-primary button-small"
              disabled={suggestion.status !== 'done' || !suggestion.text.trim()}
              onClick={() => void accept()}
            >
              {t('ai.accept')}
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={suggestion.status !== 'done'}
              aria-pressed={editing}
              onClick={() => setEditing((e) => !e)}
            >
              {t('ai.edit')}
            </button>
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                cancel.current?.();
                setSuggestion(null);
              }}
            >
              {t('ai.reject')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
