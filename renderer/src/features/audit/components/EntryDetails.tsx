import { useId, useRef } from 'react';
import type { AuditEntry } from '../../../../../common/audit/entry.schema';
import type { Locale } from '../../../../../common/contract';
import { formatDateTime } from '../../../lib/format';
import { CrossIcon } from '../../../ui/icons';
import { actionLabel, type AuditT } from '../i18n/t';
import { entryReason } from '../lib/entry';
import { useModalDialog } from '../hooks/use-modal-dialog';
import { CopyButton } from './CopyButton';
import { OutcomeBadge } from './OutcomeBadge';

/**
 * One entry in full: the facts in words, its chain links (prev, hash) and the exact JSON, all
 * selectable and copyable. A modal <dialog>: Escape closes it and focus goes back to the row.
 */
export function EntryDetails(props: { entry: AuditEntry; locale: Locale; onClose(): void; t: AuditT }) {
  const { entry, locale, t } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useModalDialog(ref);

  const label = actionLabel(t, entry.action);
  const reason = entryReason(entry);
  const recordedAt = typeof entry.details.recordedAt === 'string' ? entry.details.recordedAt : null;
  const json = JSON.stringify(entry, null, 2);

  return (
    <dialog
      ref={ref}
      className="dialog audit-dialog audit-details"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <header className="audit-dialog-header">
        <h2 id={titleId} className="dialog-title">
          {t('details.title', { seq: entry.seq })}
        </h2>
        <OutcomeBadge outcome={entry.outcome} t={t} />
        <button
          type="button"
          className="icon-button audit-dialog-close"
          aria-label={t('details.close')}
          title={t('details.close')}
          onClick={props.onClose}
        >
          <CrossIcon width={16} height={16} />
        </button>
      </header>

      <dl className="audit-facts">
        <div>
          <dt>{t('details.time')}</dt>
          <dd>
            {formatDateTime(entry.ts, locale)} <code className="cell-mono">{entry.ts}</code>
          </dd>
        </div>
        {recordedAt && (
          <div>
            <dt>{t('details.recordedAt')}</dt>
            <dd>
              {formatDateTime(recordedAt, locale)} <code className="cell-mono">{recordedAt}</code>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('details.actor')}</dt>
          <dd>{entry.actor}</dd>
        </div>
        <div>
          <dt>{t('details.action')}</dt>
          <dd>
            {label && <span>{label} </span>}
            <code className="cell-mono">{entry.action}</code>
          </dd>
        </div>
        {reason && (
          <div>
            <dt>{t('details.reason')}</dt>
            <dd>{reason}</dd>
          </div>
        )}
        <div>
          <dt>{t('details.resource')}</dt>
          <dd>
            <code className="cell-mono">
              {entry.resource.type}: {entry.resource.id}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t('details.tenant')}</dt>
          <dd>{entry.tenant}</dd>
        </div>
        <div>
          <dt>{t('details.device')}</dt>
          <dd>
            <code className="cell-mono">{entry.device}</code>
          </dd>
        </div>
        <div>
          <dt>{t('details.policyVersion')}</dt>
          <dd>{entry.policyVersion}</dd>
        </div>
      </dl>

      <HashField label={t('details.prev')} value={entry.prev} t={t} />
      <HashField label={t('details.hash')} value={entry.hash} t={t} />

      <section className="audit-json" aria-label={t('details.json')}>
        <div className="audit-field-head">
          <h3 className="audit-subtitle">{t('details.json')}</h3>
          <CopyButton text={json} what={t('details.json')} t={t} />
        </div>
        <pre className="audit-json-text" tabIndex={0}>
          {json}
        </pre>
      </section>

      <div className="dialog-actions">
        <button type="button" className="button" onClick={props.onClose} autoFocus>
          {t('details.close')}
        </button>
      </div>
    </dialog>
  );
}

function HashField(props: { label: string; value: string; t: AuditT }) {
  return (
    <div className="audit-hash">
      <div className="audit-field-head">
        <h3 className="audit-subtitle">{props.label}</h3>
        <CopyButton text={props.value} what={props.label} t={props.t} />
      </div>
      <code className="audit-hash-value">{props.value}</code>
    </div>
  );
}
