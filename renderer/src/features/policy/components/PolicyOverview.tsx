import type { Locale, PolicyCurrent } from '../../../../../common/contract';
import { formatDateTime, formatNumber } from '../../../lib/format';
import { AlertIcon, CheckIcon, CrossIcon, LockIcon, ShieldIcon } from '../../../ui/icons';
import type { PolicyT } from '../i18n/t';
import { classifications } from '../lib/actions';

/** The last bundle this run refused: the policy in force stayed, and here is why, in words. */
export function RefusalBanner(props: {
  refusal: NonNullable<PolicyCurrent['lastRefusal']>;
  locale: Locale;
  t: PolicyT;
}) {
  const { refusal, t } = props;
  return (
    <div className="policy-warning" role="status" data-testid="policy-refusal">
      <AlertIcon className="policy-warning-icon" />
      <div className="policy-warning-text">
        <p className="policy-warning-title">{t('refusal.title')}</p>
        <p className="policy-warning-message">{refusal.message}</p>
        <p className="policy-warning-meta">
          {t('refusal.code')}: <code className="policy-id">{refusal.code}</code> ·{' '}
          {t('refusal.when', { time: formatDateTime(refusal.at, props.locale) })}
        </p>
      </div>
    </div>
  );
}

/** Where the policy in force came from, and whether it still holds. */
export function PolicyInForce(props: { current: PolicyCurrent; locale: Locale; t: PolicyT }) {
  const { current, locale, t } = props;
  const bundle = current.source === 'bundle';
  const date = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—');
  return (
    <section className="panel" aria-labelledby="policy-in-force-heading">
      <h2 id="policy-in-force-heading" className="panel-title">
        {t('inForce.heading')}
      </h2>
      <p className="policy-source">
        <span className={bundle ? 'badge badge-internal' : 'badge badge-ok'} data-testid="policy-source">
          <ShieldIcon className="badge-icon" width={13} height={13} />
          {bundle ? t('inForce.bundle') : t('inForce.builtin')}
        </span>
      </p>
      <p className="panel-hint">{bundle ? t('inForce.bundleHint') : t('inForce.builtinHint')}</p>
      {current.expired && (
        <div className="policy-warning policy-warning-inline" data-testid="policy-expired">
          <AlertIcon className="policy-warning-icon" />
          <div className="policy-warning-text">
            <p className="policy-warning-title">{t('inForce.expired')}</p>
            <p>{t('inForce.expiredHint', { date: date(current.expiresAt) })}</p>
          </div>
        </div>
      )}
      <dl className="facts policy-facts">
        {bundle && (
          <>
            <div>
              <dt>{t('inForce.tenant')}</dt>
              <dd className="cell-strong">{current.tenant ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('inForce.version')}</dt>
              <dd>{current.version === null ? '—' : formatNumber(current.version, locale)}</dd>
            </div>
            <div>
              <dt>{t('inForce.signer')}</dt>
              <dd>
                <code className="policy-id">{current.signerKeyId ?? '—'}</code>
              </dd>
            </div>
            <div>
              <dt>{t('inForce.issued')}</dt>
              <dd>{date(current.issuedAt)}</dd>
            </div>
            <div>
              <dt>{t('inForce.expires')}</dt>
              <dd className={current.expired ? 'policy-expired-date' : undefined}>
                {date(current.expiresAt)}
              </dd>
            </div>
          </>
        )}
        <div>
          <dt>{t('inForce.policyCount')}</dt>
          <dd>{t('inForce.policyCountValue', { count: current.policyCount })}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The bundle's (or built-in) settings, each as a sentence. */
export function PolicySettings(props: {
  settings: PolicyCurrent['settings'];
  /** IdleLockMinutes from managed configuration, which the vault uses before the policy's. */
  managedIdleLock: number | null;
  locale: Locale;
  t: PolicyT;
}) {
  const { settings, locale, t } = props;
  const n = (value: number) => ({ count: value, value: formatNumber(value, locale) });
  const allowlist = settings.modelAllowlist;
  return (
    <section className="panel" aria-labelledby="policy-settings-heading">
      <h2 id="policy-settings-heading" className="panel-title">
        {t('settings.heading')}
      </h2>
      <ul className="policy-sentences">
        <li>
          {t('settings.idleLock', n(settings.idleLockMinutes))}
          {props.managedIdleLock !== null && props.managedIdleLock !== settings.idleLockMinutes && (
            <span className="policy-override">
              {' '}
              <LockIcon width={13} height={13} />{' '}
              {t('settings.idleLockManaged', { value: formatNumber(props.managedIdleLock, locale) })}
            </span>
          )}
        </li>
        <li>{t('settings.retention', n(settings.retentionDays))}</li>
        <li>{t('settings.auditSync', n(settings.auditSyncIntervalMinutes))}</li>
        <li>
          {allowlist === null
            ? t('settings.modelsAll')
            : allowlist.length === 0
              ? t('settings.modelsNone')
              : t('settings.modelsSome', { count: allowlist.length })}
          {allowlist !== null && allowlist.length > 0 && (
            <ul className="policy-models">
              {allowlist.map((entry) => (
                <li key={`${entry.id}:${entry.sha256}`}>
                  <span className="cell-strong">{entry.id}</span>{' '}
                  <code className="policy-id" title={entry.sha256}>
                    {entry.sha256.slice(0, 12)}…
                  </code>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li>{settings.allowOnPrem ? t('settings.onPremAllowed') : t('settings.onPremDenied')}</li>
        <li>{settings.deidentifyBeforeOnPrem ? t('settings.deidentifyOn') : t('settings.deidentifyOff')}</li>
      </ul>
      <h3 className="subpanel-title policy-subheading">{t('settings.exportsHeading')}</h3>
      <ul className="policy-exports" data-testid="policy-export-formats">
        {classifications.map((classification) => {
          const formats = settings.exportFormats[classification] ?? [];
          const label = t(`classifications.${classification}`);
          return (
            <li key={classification} className={formats.length > 0 ? 'policy-allow' : 'policy-deny'}>
              {formats.length > 0 ? (
                <CheckIcon width={15} height={15} />
              ) : (
                <CrossIcon width={15} height={15} />
              )}
              <span>
                {formats.length > 0
                  ? t('settings.exportFormats', {
                      classification: label,
                      formats: formats
                        .map((format) => t(`formats.${format}`))
                        .join(t('settings.formatSeparator')),
                    })
                  : t('settings.noExport', { classification: label })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
