import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  localize,
  type ChecklistValue,
  type Field,
  type FieldValue,
  type TableValue,
  type ValidationIssue,
} from '../../../../../common/documents';
import { useEditorT } from '../i18n/t';
import { isRichDoc } from '../lib/editor-values';
import { ReadabilityMeter, GlossaryCheck } from './RichTextChecks';
import { RichTextField } from './RichTextField';
import { TableInput } from './TableInput';

/**
 * One field of the template: the right input for its type, its unit, and its live flags.
 * Memoised: typing in one field re-renders that field only (props are stable per field).
 */
export const FieldInput = memo(function FieldInput(props: {
  field: Field;
  value: FieldValue | undefined;
  issues: readonly ValidationIssue[];
  editable: boolean;
  onChange(fieldId: string, value: FieldValue): void;
}) {
  const { field, value, editable } = props;
  const onChange = (v: FieldValue) => props.onChange(field.id, v);
  const { i18n } = useTranslation();
  const t = useEditorT();
  const locale = i18n.language;
  const id = useId();
  const labelId = `${id}-label`;
  const flagId = `${id}-flags`;
  const label = localize(field.label, locale);
  const placeholder = field.placeholder ? localize(field.placeholder, locale) : undefined;
  const flags = props.issues.filter((i) => !i.path);
  const hasError = flags.some((f) => f.severity === 'error');
  const describedBy = flags.length ? flagId : undefined;

  if (field.type === 'signature') return null;

  let input;
  switch (field.type) {
    case 'text':
      input = field.multiline ? (
        <textarea
          id={id}
          className="input"
          value={typeof value === 'string' ? value : ''}
          readOnly={!editable}
          aria-describedby={describedBy}
          aria-invalid={hasError}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
          rows={3}
        />
      ) : (
        <input
          id={id}
          className="input"
          type="text"
          value={typeof value === 'string' ? value : ''}
          readOnly={!editable}
          aria-describedby={describedBy}
          aria-invalid={hasError}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'number':
      input = (
        <span className="number-input">
          <input
            id={id}
            className="input"
            type="number"
            inputMode="decimal"
            step={field.decimals !== undefined ? 10 ** -field.decimals : 'any'}
            value={typeof value === 'number' ? value : ''}
            readOnly={!editable}
            aria-describedby={describedBy}
            aria-invalid={hasError}
            data-field={field.id}
            onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
          />
          {field.unit && <span className="unit">{field.unit}</span>}
          {field.plausible && (
            <span className="range-hint">
              {field.plausible.min ?? ''}–{field.plausible.max ?? ''}
            </span>
          )}
        </span>
      );
      break;
    case 'date':
      input = (
        <input
          id={id}
          className="input"
          type={field.withTime ? 'datetime-local' : 'date'}
          value={typeof value === 'string' ? value : ''}
          readOnly={!editable}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'choice':
      input = field.multiple ? (
        <select
          id={id}
          className="input"
          multiple
          value={Array.isArray(value) ? value : []}
          disabled={!editable}
          onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}
        >
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {localize(o.label, locale)}
            </option>
          ))}
        </select>
      ) : (
        <select
          id={id}
          className="input"
          value={typeof value === 'string' ? value : ''}
          disabled={!editable}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        >
          <option value="">{t('editor.choose')}</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {localize(o.label, locale)}
            </option>
          ))}
        </select>
      );
      break;
    case 'checklist': {
      const checked = (
        value && typeof value === 'object' && !Array.isArray(value) ? value : {}
      ) as ChecklistValue;
      input = (
        <fieldset className="checklist" aria-labelledby={labelId}>
          {field.items.map((item) => (
            <label key={item.id} className="checklist-item">
              <input
                type="checkbox"
                checked={checked[item.id] === true}
                disabled={!editable}
                onChange={(e) => onChange({ ...checked, [item.id]: e.target.checked })}
              />
              {localize(item.label, locale)}
            </label>
          ))}
        </fieldset>
      );
      break;
    }
    case 'table':
      input = (
        <TableInput
          field={field}
          value={value as TableValue | undefined}
          issues={props.issues}
          editable={editable}
          labelId={labelId}
          onChange={onChange}
        />
      );
      break;
    case 'richtext':
      input = (
        <>
          <RichTextField
            id={id}
            labelId={labelId}
            describedBy={describedBy}
            value={isRichDoc(value) ? value : undefined}
            editable={editable}
            placeholder={placeholder}
            onChange={onChange}
          />
          {field.readabilityTarget && (
            <ReadabilityMeter value={value} maxGrade={field.readabilityTarget.maxGrade} />
          )}
          {field.glossary && <GlossaryCheck value={value} glossary={field.glossary} />}
        </>
      );
      break;
  }

  const required = field.requiredBeforeSignOff ? (
    <span className="field-required" title={t('editor.required')} aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
  const labelEl =
    field.type === 'richtext' || field.type === 'checklist' || field.type === 'table' ? (
      <span id={labelId} className="field-label">
        {label}
      </span>
    ) : (
      <label id={labelId} htmlFor={id} className="field-label">
        {label}
      </label>
    );

  return (
    <div
      className={`field field-${field.type}`}
      data-field-id={field.id}
      data-invalid={hasError || undefined}
    >
      <div className="field-head">
        {labelEl}
        {required}
      </div>
      {input}
      {flags.length > 0 && (
        <div id={flagId} className="field-flags" aria-live="polite">
          {flags.map((f) => (
            <p key={`${f.code}-${f.message}`} className={`field-flag field-flag-${f.severity}`}>
              <strong>
                {f.code === 'implausible'
                  ? t('editor.implausible')
                  : f.code === 'out_of_range'
                    ? t('editor.outOfRange')
                    : ''}
              </strong>{' '}
              {f.message}
            </p>
          ))}
        </div>
      )}
    </div>
  );
});
