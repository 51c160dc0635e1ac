import { useTranslation } from 'react-i18next';
import { Classification, Industry } from '../../../../../common/contract';
import { useSearchT } from '../i18n/t';
import { hasFilters, NO_FILTERS, type SearchFilterState } from '../lib/filters';
import '../search.css';

/** A template the filter offers: its id and its name in the UI's language. */
export interface TemplateOption {
  id: string;
  name: string;
}

/**
 * Filters beside the documents search: industry, template, classification, and a range of change
 * dates. The templates come from the caller (it owns the `templates.list` call); without them the
 * template filter is left out rather than shown empty.
 * Options carry their names in `label` (not as text), so a page's text (a row's classification badge,
 * say) is not repeated by every closed dropdown.
 */
export function SearchFilters(props: {
  value: SearchFilterState;
  onChange: (next: SearchFilterState) => void;
  templates?: readonly TemplateOption[];
}) {
  const t = useSearchT();
  const { t: tApp } = useTranslation();
  const { value, onChange } = props;
  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">{t('filters.label')}</legend>
      <label>
        <span>{t('filters.industry')}</span>
        <select
          value={value.industry}
          onChange={(e) => onChange({ ...value, industry: e.target.value as SearchFilterState['industry'] })}
        >
          <option value="">{t('filters.any')}</option>
          {Industry.options.map((i) => (
            <option key={i} value={i} label={tApp(`industry.${i}`)} />
          ))}
        </select>
      </label>
      {props.templates && props.templates.length > 0 && (
        <label>
          <span>{t('filters.template')}</span>
          <select
            value={value.templateId}
            onChange={(e) => onChange({ ...value, templateId: e.target.value })}
          >
            <option value="">{t('filters.any')}</option>
            {props.templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id} label={tpl.name} />
            ))}
          </select>
        </label>
      )}
      <label>
        <span>{t('filters.classification')}</span>
        <select
          value={value.classification}
          onChange={(e) =>
            onChange({ ...value, classification: e.target.value as SearchFilterState['classification'] })
          }
        >
          <option value="">{t('filters.any')}</option>
          {Classification.options.map((c) => (
            <option key={c} value={c} label={tApp(`classification.${c}`)} />
          ))}
        </select>
      </label>
      <label>
        <span>{t('filters.from')}</span>
        <input
          type="date"
          value={value.from}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </label>
      <label>
        <span>{t('filters.to')}</span>
        <input type="date" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
      </label>
      {hasFilters(value) && (
        <button type="button" className="button" onClick={() => onChange(NO_FILTERS)}>
          {t('filters.clear')}
        </button>
      )}
    </fieldset>
  );
}
