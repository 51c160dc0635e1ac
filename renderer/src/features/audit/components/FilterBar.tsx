import { useId, useState, type FormEvent } from 'react';
import { CrossIcon, SearchIcon } from '../../../ui/icons';
import en from '../i18n/en.json';
import { actionLabel, type AuditT } from '../i18n/t';
import { emptyFilters, isFiltered, outcomes, toQueryFilter, type FilterForm } from '../lib/filters';

/** The audited actions this version names (the datalist offers them; any other name can be typed). */
const knownActions = Object.keys(en.actions)
  .map((key) => key.replace('_', '.'))
  .sort();

/**
 * Time range, user, action and outcome, applied together (Enter in any field, or Apply). The form
 * holds a draft; the list changes only when it is applied. Remounted (key) when the applied
 * filters change from outside, e.g. "Clear filters" in the empty state.
 */
export function FilterBar(props: { applied: FilterForm; onApply(filters: FilterForm): void; t: AuditT }) {
  const { t } = props;
  const [draft, setDraft] = useState<FilterForm>(props.applied);
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const id = useId();
  const errorId = `${id}-range`;

  const update = (patch: Partial<FilterForm>): void => {
    setDraft((current) => ({ ...current, ...patch }));
    if ('from' in patch || 'to' in patch) setRangeInvalid(false);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!toQueryFilter(draft).ok) {
      setRangeInvalid(true);
      return;
    }
    props.onApply(draft);
  };

  const clear = (): void => {
    setDraft(emptyFilters);
    setRangeInvalid(false);
    props.onApply(emptyFilters);
  };

  return (
    <form
      className="audit-filters"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={submit}
      noValidate
    >
      <div className="audit-filter-fields">
        <label className="audit-field">
          <span className="audit-field-label">{t('filters.from')}</span>
          <input
            type="datetime-local"
            className="input"
            step={1}
            value={draft.from}
            onChange={(event) => update({ from: event.target.value })}
          />
        </label>
        <label className="audit-field">
          <span className="audit-field-label">{t('filters.to')}</span>
          <input
            type="datetime-local"
            className="input"
            step={1}
            value={draft.to}
            aria-invalid={rangeInvalid}
            aria-describedby={rangeInvalid ? errorId : undefined}
            onChange={(event) => update({ to: event.target.value })}
          />
        </label>
        <label className="audit-field">
          <span className="audit-field-label">{t('filters.actor')}</span>
          <input
            type="text"
            className="input"
            value={draft.actor}
            placeholder={t('filters.actorPlaceholder')}
            maxLength={320}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => update({ actor: event.target.value })}
          />
        </label>
        <label className="audit-field">
          <span className="audit-field-label">{t('filters.action')}</span>
          <input
            type="text"
            className="input"
            list={`${id}-actions`}
            value={draft.action}
            placeholder={t('filters.actionPlaceholder')}
            maxLength={128}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => update({ action: event.target.value })}
          />
          <datalist id={`${id}-actions`}>
            {knownActions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(t, action)}
              </option>
            ))}
          </datalist>
        </label>
        <label className="audit-field audit-field-outcome">
          <span className="audit-field-label">{t('filters.outcome')}</span>
          <select
            className="input"
            value={draft.outcome}
            onChange={(event) => update({ outcome: event.target.value as FilterForm['outcome'] })}
          >
            <option value="">{t('filters.anyOutcome')}</option>
            {outcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`outcome.${outcome}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="audit-filter-actions">
        <button type="submit" className="button button-primary">
          <SearchIcon width={15} height={15} />
          {t('filters.apply')}
        </button>
        {(isFiltered(draft) || isFiltered(props.applied)) && (
          <button type="button" className="button" onClick={clear}>
            <CrossIcon width={15} height={15} />
            {t('filters.clear')}
          </button>
        )}
        <span className="audit-filter-hint">{t('filters.hint')}</span>
      </div>
      {rangeInvalid && (
        <p id={errorId} className="audit-filter-error" role="alert">
          {t('filters.rangeInvalid')}
        </p>
      )}
    </form>
  );
}
