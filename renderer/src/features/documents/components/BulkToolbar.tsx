import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFileFormat } from '../../../../../common/contract';
import { useExportT } from '../../export/i18n/t';

/**
 * Shown while rows are ticked: how many, and what can be done with them. Only actions the
 * contract has are offered (there is no delete or archive channel for documents, so no "Delete").
 */
export function BulkToolbar(props: {
  count: number;
  formats: readonly ExportFileFormat[];
  format: ExportFileFormat;
  onFormat: (format: ExportFileFormat) => void;
  onExport: () => void;
  onClear: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const tExport = useExportT();
  const formatId = useId();
  return (
    <div className="bulk-toolbar" role="toolbar" aria-label={t('documents.bulk.label')}>
      <span className="bulk-count" role="status">
        {t('documents.bulk.selected', { count: props.count })}
      </span>
      <label htmlFor={formatId}>{t('documents.bulk.format')}</label>
      <select
        id={formatId}
        value={props.format}
        disabled={props.busy}
        onChange={(e) => props.onFormat(e.target.value as ExportFileFormat)}
      >
        {props.formats.map((f) => (
          <option key={f} value={f}>
            {tExport(`formats.${f}`)}
          </option>
        ))}
      </select>
      <button type="button" className="button button-primary" disabled={props.busy} onClick={props.onExport}>
        {t('documents.bulk.export')}
      </button>
      <button type="button" className="button" disabled={props.busy} onClick={props.onClear}>
        {t('documents.bulk.clear')}
      </button>
    </div>
  );
}
