import { useId, useState, type FormEvent } from 'react';
import type { Classification } from '../../../../../common/contract';
import { ErrorAlert } from '../../../ui/FormAlert';
import { useExplain, type ExplainRequest } from '../hooks/use-explain';
import type { PolicyT } from '../i18n/t';
import {
  checkActions,
  classifications,
  exportFormats,
  type CheckAction,
  type ExportFormat,
} from '../lib/actions';
import { DecisionMark, Explanation } from './Decision';

interface Draft {
  action: CheckAction['id'];
  classification: Classification;
  format: ExportFormat;
  owner: 'self' | 'other';
  state: 'draft' | 'signed';
}

const initial: Draft = {
  action: 'export',
  classification: 'phi',
  format: 'pdf',
  owner: 'self',
  state: 'draft',
};

function toRequest(draft: Draft): { request: ExplainRequest; action: CheckAction } {
  const action = checkActions.find((candidate) => candidate.id === draft.action) ?? checkActions[0]!;
  const request: ExplainRequest = action.document
    ? {
        action: action.action,
        classification: draft.classification,
        owner: draft.owner,
        state: draft.state,
        ...(action.id === 'export' && { exportFormat: draft.format }),
      }
    : { action: action.action };
  return { request, action };
}

/**
 * A what-if: pick an action and describe the document; the policy answers with a decision, its
 * reason and the deciding policy. Controls that do not apply to the chosen action are disabled,
 * and a line next to them says why.
 */
export function CheckActionForm(props: { t: PolicyT }) {
  const { t } = props;
  const [draft, setDraft] = useState<Draft>(initial);
  const [asked, setAsked] = useState<CheckAction | null>(null);
  const { state, explain } = useExplain();
  const id = useId();
  const { action } = toRequest(draft);
  const isExport = action.id === 'export';
  const notDocumentId = `${id}-not-document`;
  const formatHintId = `${id}-format-hint`;

  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { request, action: chosen } = toRequest(draft);
    setAsked(chosen);
    explain(request);
  };

  const documentDescribedBy = action.document ? undefined : notDocumentId;

  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="panel-title">
        {t('check.heading')}
      </h2>
      <p className="panel-hint">{t('check.hint')}</p>
      <form className="policy-check" onSubmit={submit} aria-label={t('check.heading')}>
        <div className="policy-check-fields">
          <label className="field">
            <span className="policy-field-label">{t('check.action')}</span>
            <select
              className="input"
              value={draft.action}
              onChange={(event) => update({ action: event.target.value as CheckAction['id'] })}
            >
              {checkActions.map((option) => (
                <option key={option.id} value={option.id}>
                  {t(`check.actions.${option.id}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="policy-field-label">{t('check.classification')}</span>
            <select
              className="input"
              value={draft.classification}
              disabled={!action.document}
              aria-describedby={documentDescribedBy}
              onChange={(event) => update({ classification: event.target.value as Classification })}
            >
              {classifications.map((option) => (
                <option key={option} value={option}>
                  {t(`classifications.${option}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="policy-field-label">{t('check.format')}</span>
            <select
              className="input"
              value={draft.format}
              disabled={!isExport}
              aria-describedby={isExport ? undefined : formatHintId}
              onChange={(event) => update({ format: event.target.value as ExportFormat })}
            >
              {exportFormats.map((option) => (
                <option key={option} value={option}>
                  {t(`formats.${option}`)}
                </option>
              ))}
            </select>
            {!isExport && (
              <span id={formatHintId} className="field-hint">
                {t('check.formatOnlyExport')}
              </span>
            )}
          </label>
        </div>
        <div className="policy-check-fields">
          <fieldset
            className="policy-radios"
            disabled={!action.document}
            aria-describedby={documentDescribedBy}
          >
            <legend className="policy-field-label">{t('check.owner')}</legend>
            <div className="segmented segmented-compact">
              {(['self', 'other'] as const).map((owner) => (
                <label key={owner} className="segmented-option">
                  <input
                    type="radio"
                    name={`${id}-owner`}
                    value={owner}
                    checked={draft.owner === owner}
                    onChange={() => update({ owner })}
                  />
                  <span>{owner === 'self' ? t('check.ownerSelf') : t('check.ownerOther')}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset
            className="policy-radios"
            disabled={!action.document}
            aria-describedby={documentDescribedBy}
          >
            <legend className="policy-field-label">{t('check.state')}</legend>
            <div className="segmented segmented-compact">
              {(['draft', 'signed'] as const).map((docState) => (
                <label key={docState} className="segmented-option">
                  <input
                    type="radio"
                    name={`${id}-state`}
                    value={docState}
                    checked={draft.state === docState}
                    onChange={() => update({ state: docState })}
                  />
                  <span>{docState === 'draft' ? t('check.stateDraft') : t('check.stateSigned')}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
        {!action.document && (
          <p id={notDocumentId} className="field-hint">
            {t('check.notDocumentHint')}
          </p>
        )}
        <div className="button-row">
          {/* Never disabled while asking: that would drop keyboard focus; a newer answer wins anyway. */}
          <button type="submit" className="button button-primary" aria-busy={state.phase === 'checking'}>
            {state.phase === 'checking' ? t('check.checking') : t('check.submit')}
          </button>
        </div>
      </form>
      <div className="policy-check-result" aria-live="polite" data-testid="policy-check-result">
        {state.phase === 'done' && asked && (
          <div className={`policy-answer policy-answer-${state.answer.decision}`}>
            <p className="policy-why-title">
              <DecisionMark decision={state.answer.decision} t={t} />
              <span>{t(`check.actions.${asked.id}`)}</span>
            </p>
            <Explanation answer={state.answer} t={t} />
          </div>
        )}
      </div>
      {state.phase === 'error' && <ErrorAlert error={state.error} />}
    </section>
  );
}
