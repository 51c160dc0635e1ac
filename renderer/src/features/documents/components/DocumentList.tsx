import { useMemo, useState } from 'react';
import type { DocumentSummary, ExportFileFormat } from '../../../../../common/contract';
import type { DocumentPage } from '../../../store/documents.slice';
import { useBulkExport } from '../hooks/use-bulk-export';
import { useSelection } from '../hooks/use-selection';
import type { SortKey, SortState } from '../lib/sort';
import { BulkExportReport } from './BulkExportReport';
import { BulkToolbar } from './BulkToolbar';
import { DocumentTable } from './DocumentTable';
import '../documents.css';

const BULK_FORMATS: readonly ExportFileFormat[] = ['pdf', 'docx', 'markdown', 'csv'];

/** FHIR bundles exist only for clinical documents: offered when every ticked document is one. */
function formatsFor(selected: readonly DocumentSummary[]): readonly ExportFileFormat[] {
  const clinical = selected.length > 0 && selected.every((doc) => doc.industry === 'healthcare');
  return clinical ? [...BULK_FORMATS, 'fhir'] : BULK_FORMATS;
}

/**
 * The table of matches with what bulk actions need around it: the ticked rows, the toolbar that
 * appears with them, and the report of a bulk export.
 */
export function DocumentList(props: {
  page: DocumentPage;
  items: readonly DocumentSummary[];
  sort: SortState | null;
  onSort: (column: SortKey) => void;
}) {
  const visibleIds = useMemo(() => props.items.map((doc) => doc.id), [props.items]);
  const selection = useSelection(visibleIds);
  const bulk = useBulkExport();
  const [chosenFormat, setFormat] = useState<ExportFileFormat>('pdf');
  const selected = props.items.filter((doc) => selection.ids.has(doc.id));
  const formats = formatsFor(selected);
  // A format that no longer fits the ticked rows (FHIR after a non-clinical one) falls back to PDF.
  const format = formats.includes(chosenFormat) ? chosenFormat : 'pdf';
  const busy = bulk.state.phase === 'running';

  return (
    <>
      {selection.count > 0 && (
        <BulkToolbar
          count={selection.count}
          formats={formats}
          format={format}
          onFormat={setFormat}
          onExport={() => void bulk.run(selected, format)}
          onClear={selection.clear}
          busy={busy}
        />
      )}
      <BulkExportReport state={bulk.state} onDismiss={bulk.dismiss} />
      <DocumentTable
        items={props.items}
        {...(props.page.sources && { sources: props.page.sources })}
        sort={props.sort}
        onSort={props.onSort}
        selection={selection}
        selectionLocked={busy}
      />
    </>
  );
}
