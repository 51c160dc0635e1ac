import { useTranslation } from 'react-i18next';
import { Classification, Industry } from '../../../../../common/contract';
import { useSearchT } from '../i18n/t';
import { hasFilters, NO_FILTERS, type SearchFilterState } from '../lib/filters';
import '../search.css';

/**
 * Filters beside the documents search: industry, classification, and a range of change dates.
 * Options carry their names in `label` (not as text), so a page's text (a row's classification badge,
 * say) is not repeated by every closed dropdown.
 */
export function SearchFilters(props: {
  value: SearchFilterState;
  onChange: (next: SearchFilterState) => void;
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
