import type { AuditChainStatus, Locale } from '../../../../../common/contract';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { ErrorAlert } from '../../../ui/FormAlert';
import { AlertIcon, AuditIcon, RefreshIcon } from '../../../ui/icons';
import type { ChainCheck } from '../hooks/use-chain-status';
import type { AuditT } from '../i18n/t';

/** The log's integrity at a glance: intact (green shield) or broken (red, the first failure named). */
export function ChainBanner(props: { check: ChainCheck; onVerify(): void; locale: Locale; t: AuditT }) {
  const { check, t } = props;
  const checking = check.phase === 'checking';
  const shown = check.phase === 'done' ? check : check.phase === 'checking' ? check.last : null;

  const button = (
    <button type="button" className="button button-small" onClick={props.onVerify} disabled={checking}>
      <RefreshIcon width={14} height={14} />
      {t('chain.verifyNow')}
    </button>
  );

  if (check.phase === 'error') {
    return (
      <div className="audit-chain audit-chain-error">
        <ErrorAlert error={check.error} />
        {button}
      </div>
    );
  }

  if (!shown) {
    return (
      <div className="audit-chain audit-chain-checking" role="status" aria-busy="true">
        <AuditIcon className="audit-chain-icon" width={22} height={22} />
        <p className="audit-chain-title">{t('chain.checking')}</p>
        {button}
      </div>
    );
  }

  const { status, checkedAt } = shown;
  const broken = status.status === 'broken';
  return (
    <div
      className={`audit-chain ${broken ? 'audit-chain-broken' : 'audit-chain-ok'}`}
      role={broken ? 'alert' : 'status'}
      aria-busy={checking}
      data-chain={status.status}
    >
      {broken ? (
        <AlertIcon className="audit-chain-icon" width={22} height={22} />
      ) : (
        <AuditIcon className="audit-chain-icon" width={22} height={22} />
      )}
      <div className="audit-chain-text">
        <p className="audit-chain-title">{chainTitle(status, props.locale, t)}</p>
        <p className="audit-chain-hint">
          {broken ? t('chain.brokenHint') : t('chain.intactHint')}{' '}
          <span className="audit-chain-time">
            {checking
              ? t('chain.checking')
              : t('chain.checkedAt', { time: formatDateTime(checkedAt.toISOString(), props.locale) })}
          </span>
        </p>
      </div>
      {button}
    </div>
  );
}

function chainTitle(status: AuditChainStatus, locale: Locale, t: AuditT): string {
  if (status.status === 'ok') {
    return t('chain.intact', {
      entries: formatNumber(status.count, locale),
      count: status.checkpoints,
      head: status.head.seq,
    });
  }
  const { seq, message } = status.failure;
  return seq === undefined ? t('chain.brokenNoSeq', { message }) : t('chain.broken', { seq, message });
}
