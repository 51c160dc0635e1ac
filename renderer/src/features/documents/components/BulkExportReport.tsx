import { useTranslation } from 'react-i18next';
import { CrossIcon } from '../../../ui/icons';
import type { BulkExportState, ExportOutcome } from '../hooks/use-bulk-export';

type Saved = Extract<ExportOutcome, { ok: true }>;
type NotSaved = Extract<ExportOutcome, { ok: false }>;

/**
 * A bulk export's progress while it runs, then what happened to each document: the files written
 * and, in words, every refusal (the policy's own sentence) or failure.
 */
export function BulkExportReport(props: { state: BulkExportState; onDismiss: () => void }) {
  const { t } = useTranslation();
  const { state } = props;
  if (state.phase === 'idle') return null;
  const finished = state.phase === 'done' ? state.total : state.current - 1;
  const percent = Math.round((finished / state.total) * 100);
  const saved = state.outcomes.filter((o): o is Saved => o.ok);
  const refused = state.outcomes.filter((o): o is NotSaved => !o.ok);
  return (
    <section className="bulk-report" aria-label={t('documents.bulk.progressLabel')}>
      <div
        className={`progress${state.phase === 'done' && refused.length > 0 ? ' progress-failed' : ''}`}
        role="progressbar"
        aria-label={t('documents.bulk.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={state.total}
        aria-valuenow={finished}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="bulk-summary" role="status">
        {state.phase === 'running'
          ? t('documents.bulk.exporting', { current: state.current, total: state.total })
          : [
              t('documents.bulk.exported', { count: saved.length }),
              refused.length > 0 && t('documents.bulk.notExported', { count: refused.length }),
              state.skipped > 0 && t('documents.bulk.skipped', { count: state.skipped }),
            ]
              .filter(Boolean)
              .join(' · ')}
        {state.phase === 'done' && (
          <button
            type="button"
            className="icon-button"
            aria-label={t('documents.bulk.dismiss')}
            title={t('documents.bulk.dismiss')}
            onClick={props.onDismiss}
          >
            <CrossIcon width={14} height={14} />
          </button>
        )}
      </p>
      {refused.length > 0 && (
        <ul className="bulk-problems" role="alert">
          {refused.map((o) => (
            <li key={o.id}>
              {t(o.denied ? 'documents.bulk.refused' : 'documents.bulk.failed', {
                title: o.title,
                reason: o.message,
              })}
            </li>
          ))}
        </ul>
      )}
      {saved.length > 0 && (
        <ul className="bulk-saved">
          {saved.map((o) => (
            <li key={o.id}>{t('documents.bulk.saved', { title: o.title, fileName: o.fileName })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
