import { useId, useRef, useState, type FormEvent } from 'react';
import type { Locale } from '../../../../../common/contract';
import { formatBytes, formatNumber } from '../../../lib/format';
import { ErrorAlert, FormAlert } from '../../../ui/FormAlert';
import { CheckIcon, CrossIcon, InfoIcon } from '../../../ui/icons';
import { useExport, type ExportDone, type ExportRun } from '../hooks/use-export';
import type { AuditT } from '../i18n/t';
import { exportFormFrom, toExportRequest, type ExportForm, type FilterForm } from '../lib/filters';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { CopyButton } from './CopyButton';

/**
 * Export a signed bundle: the list's filters prefilled (time range, users, actions), a progress bar
 * while the core writes it, Cancel, and at the end where it went, its SHA-256 and how an auditor
 * checks it. Escape or Close ends the dialog (and a running export with it).
 */
export function ExportDialog(props: { filters: FilterForm; locale: Locale; onClose(): void; t: AuditT }) {
  const { t, locale } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const id = useId();
  const [form, setForm] = useState<ExportForm>(() => exportFormFrom(props.filters));
  const [rangeInvalid, setRangeInvalid] = useState(false);
  const { run, start, cancel, reset } = useExport();
  const running = run.phase === 'running';

  useModalDialog(ref);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const parsed = toExportRequest(form);
    if (!parsed.ok) {
      setRangeInvalid(true);
      return;
    }
    start(parsed.request);
  };

  const update = (patch: Partial<ExportForm>): void => {
    setForm((current) => ({ ...current, ...patch }));
    setRangeInvalid(false);
  };

  return (
    <dialog
      ref={ref}
      className="dialog audit-dialog audit-export"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <header className="audit-dialog-header">
        <h2 id={titleId} className="dialog-title">
          {t('export.title')}
        </h2>
        <button
          type="button"
          className="icon-button audit-dialog-close"
          aria-label={t('export.close')}
          title={t('export.close')}
          onClick={props.onClose}
        >
          <CrossIcon width={16} height={16} />
        </button>
      </header>

      {run.phase === 'done' ? (
        <>
          <ExportProgress run={run} locale={locale} t={t} />
          <ExportResult result={run.result} locale={locale} t={t} />
        </>
      ) : (
        <form className="audit-export-form" onSubmit={submit} noValidate>
          <p className="audit-export-intro">{t('export.intro')}</p>
          <p className="note audit-export-note">
            <InfoIcon className="note-icon" />
            <span>{t('export.redaction')}</span>
          </p>
          <fieldset className="audit-export-fields" disabled={running}>
            <label className="audit-field">
              <span className="audit-field-label">{t('export.from')}</span>
              <input
                type="datetime-local"
                className="input"
                step={1}
                value={form.from}
                onChange={(event) => update({ from: event.target.value })}
              />
            </label>
            <label className="audit-field">
              <span className="audit-field-label">{t('export.to')}</span>
              <input
                type="datetime-local"
                className="input"
                step={1}
                value={form.to}
                aria-invalid={rangeInvalid}
                aria-describedby={rangeInvalid ? `${id}-range` : undefined}
                onChange={(event) => update({ to: event.target.value })}
              />
            </label>
            <label className="audit-field">
              <span className="audit-field-label">{t('export.actors')}</span>
              <textarea
                className="input audit-textarea"
                rows={2}
                value={form.actors}
                spellCheck={false}
                aria-describedby={`${id}-list-hint`}
                onChange={(event) => update({ actors: event.target.value })}
              />
            </label>
            <label className="audit-field">
              <span className="audit-field-label">{t('export.actions')}</span>
              <textarea
                className="input audit-textarea"
                rows={2}
                value={form.actions}
                spellCheck={false}
                aria-describedby={`${id}-list-hint`}
                onChange={(event) => update({ actions: event.target.value })}
              />
            </label>
          </fieldset>
          <p id={`${id}-list-hint`} className="field-hint">
            {t('export.listHint')}
          </p>
          {props.filters.outcome !== '' && <p className="field-hint">{t('export.outcomeIgnored')}</p>}
          {rangeInvalid && (
            <p id={`${id}-range`} className="audit-filter-error" role="alert">
              {t('filters.rangeInvalid')}
            </p>
          )}

          {run.phase !== 'idle' && <ExportProgress run={run} locale={locale} t={t} />}
          {run.phase === 'failed' &&
            (run.error ? <ErrorAlert error={run.error} /> : <FormAlert title={t('export.failed')} />)}

          <div className="dialog-actions">
            {running ? (
              <button type="button" className="button" onClick={cancel}>
                {t('export.cancelExport')}
              </button>
            ) : (
              <>
                <button type="button" className="button" onClick={props.onClose}>
                  {t('export.cancel')}
                </button>
                <button type="submit" className="button button-primary" autoFocus>
                  {t('export.start')}
                </button>
              </>
            )}
          </div>
        </form>
      )}

      {run.phase === 'done' && (
        <div className="dialog-actions">
          <button type="button" className="button" onClick={reset}>
            {t('export.again')}
          </button>
          <button type="button" className="button button-primary" onClick={props.onClose} autoFocus>
            {t('export.close')}
          </button>
        </div>
      )}
    </dialog>
  );
}

function ExportProgress(props: { run: ExportRun; locale: Locale; t: AuditT }) {
  const { run, locale, t } = props;
  const running = run.phase === 'running';
  const percent =
    run.phase === 'done' ? 100 : running && run.total > 0 ? Math.floor((run.done / run.total) * 100) : 0;
  const tone =
    run.phase === 'done'
      ? 'passed'
      : run.phase === 'cancelled'
        ? 'cancelled'
        : run.phase === 'failed'
          ? 'failed'
          : 'running';
  const text =
    running && run.total > 0
      ? t('export.progress', { done: formatNumber(run.done, locale), total: formatNumber(run.total, locale) })
      : undefined;
  return (
    <div className="audit-export-progress">
      <div
        className={`progress progress-${tone}`}
        role="progressbar"
        aria-label={t('export.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="audit-export-status" role="status">
        {running && (text ?? t('export.preparing'))}
        {run.phase === 'cancelled' && t('export.cancelled')}
      </p>
    </div>
  );
}

function ExportResult(props: { result: ExportDone; locale: Locale; t: AuditT }) {
  const { result, locale, t } = props;
  const command = `starring audit verify ${shellQuote(result.path)}`;
  return (
    <section className="audit-export-result" aria-labelledby="audit-export-done">
      <p id="audit-export-done" className="audit-export-done" role="status">
        <CheckIcon width={18} height={18} />
        {t('export.doneTitle')}
      </p>
      <dl className="audit-facts">
        <div>
          <dt>{t('export.path')}</dt>
          <dd>
            <code className="audit-hash-value" data-field="path">
              {result.path}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('export.size')}</dt>
          <dd>{formatBytes(result.bytes, locale)}</dd>
        </div>
        <div>
          <dt>{t('export.sha256')}</dt>
          <dd className="audit-dd-copy">
            <code className="audit-hash-value" data-field="sha256">
              {result.sha256}
            </code>
            <CopyButton text={result.sha256} what={t('export.sha256')} t={t} />
          </dd>
        </div>
        <div>
          <dt>{t('export.entries')}</dt>
          <dd>
            {formatNumber(result.entries, locale)}{' '}
            <span className="muted">
              ({t('export.disclosed')} {formatNumber(result.disclosed, locale)} · {t('export.redacted')}{' '}
              {formatNumber(result.redacted, locale)})
            </span>
          </dd>
        </div>
      </dl>
      <h3 className="audit-subtitle">{t('export.verifyTitle')}</h3>
      <p className="audit-export-hint">{t('export.verifyCli')}</p>
      <div className="audit-command">
        <code className="audit-hash-value">{command}</code>
        <CopyButton text={command} what={t('export.commandLabel')} t={t} />
      </div>
      <p className="audit-export-hint">{t('export.verifyManual')}</p>
      <div className="audit-command">
        <code className="audit-hash-value">sha256sum {shellQuote(result.path)}</code>
      </div>
    </section>
  );
}

/** A path as one word for a terminal (double quotes read the same in bash, PowerShell and cmd). */
function shellQuote(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `"${path}"`;
}
