import type { Locale, ManagedSettingView } from '../../../../../common/contract';
import { localeNames, supportedLocales } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { useStore } from '../../../store';
import { AlertIcon, LockIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { useManagedSettings } from '../hooks/use-policy';
import { hasPolicyKey, usePolicyT, type PolicyT } from '../i18n/t';
import '../policy.css';

/** A setting's name in the user's language; a key this version has no words for shows as itself. */
function settingName(t: PolicyT, key: string): string {
  const name = `managed.keys.${key}`;
  return hasPolicyKey(name) ? t(name) : key;
}

function isLocale(value: string): value is Locale {
  return (supportedLocales as readonly string[]).includes(value);
}

/** A value as a person reads it: yes/no, a number in their format, a language by its name, a PEM summarised. */
function SettingValue(props: { item: ManagedSettingView; locale: Locale; t: PolicyT }) {
  const { item, t } = props;
  const { value } = item;
  if (value === null) return <span className="muted">{t('managed.notSet')}</span>;
  if (typeof value === 'boolean') return <>{value ? t('managed.yes') : t('managed.no')}</>;
  if (typeof value === 'number') return <>{formatNumber(value, props.locale)}</>;
  if (item.key === 'Locale' && isLocale(value)) return <>{localeNames[value]}</>;
  if (value.startsWith('-----BEGIN')) {
    return <span className="muted">{t('managed.pem', { count: value.length })}</span>;
  }
  return <code className="policy-value">{value}</code>;
}

function SettingsTable(props: { items: ManagedSettingView[]; locale: Locale; t: PolicyT; caption: string }) {
  const { t } = props;
  return (
    <table className="table policy-managed-table">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('managed.setting')}</th>
          <th scope="col">{t('managed.value')}</th>
          <th scope="col">{t('managed.setBy')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((item) => (
          <tr key={item.key} data-setting={item.key} data-locked={item.lockedBy !== null}>
            <th scope="row">
              <span className="cell-strong">{settingName(t, item.key)}</span>
              <code className="cell-sub cell-mono">{item.key}</code>
            </th>
            <td>
              <SettingValue item={item} locale={props.locale} t={t} />
            </td>
            <td>
              {item.lockedBy === 'organisation' ? (
                <>
                  <span className="policy-locked">
                    <LockIcon width={14} height={14} />
                    {t('managed.locked')}
                  </span>
                  {item.source && (
                    <span className="cell-sub muted policy-source-path">
                      {t('managed.lockedSource', { source: item.source })}
                    </span>
                  )}
                </>
              ) : (
                <span className="muted">{t('managed.yours')}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Settings → "Managed by your organisation": which settings IT locked (lock icon, "Set by your
 * organisation" and where the value came from), the rest with their effective values, and every
 * managed value that was ignored, in words.
 */
export function ManagedSettingsPanel() {
  const t = usePolicyT();
  const locale = useStore((s) => s.locale);
  const managed = useManagedSettings();
  return (
    <section className="panel" aria-labelledby="managed-heading" data-testid="managed-settings">
      <h2 id="managed-heading" className="panel-title">
        {t('managed.heading')}
      </h2>
      <p className="panel-hint">{t('managed.hint')}</p>
      <QueryView query={managed}>
        {({ items, problems }) => {
          const locked = items.filter((item) => item.lockedBy !== null);
          const others = items.filter((item) => item.lockedBy === null);
          return (
            <div className="policy-managed">
              {problems.length > 0 && (
                <div className="policy-warning policy-warning-inline" data-testid="managed-problems">
                  <AlertIcon className="policy-warning-icon" />
                  <div className="policy-warning-text">
                    <p className="policy-warning-title">{t('managed.problemsTitle')}</p>
                    <p>{t('managed.problemsHint')}</p>
                    <ul className="policy-problems">
                      {problems.map((problem, index) => (
                        <li key={`${problem.key}-${index}`}>
                          <span className="cell-strong">{settingName(t, problem.key)}</span>:{' '}
                          <span className="policy-warning-message">{problem.message}</span>
                        </li>
                      ))}
                    </ul>
                  </div>
                </div>
              )}
              {locked.length > 0 ? (
                <SettingsTable items={locked} locale={locale} t={t} caption={t('managed.heading')} />
              ) : (
                <p>{t('managed.noneLocked')}</p>
              )}
              {others.length > 0 && (
                <details className="policy-details">
                  <summary>{t('managed.others', { count: others.length })}</summary>
                  <SettingsTable items={others} locale={locale} t={t} caption={t('managed.caption')} />
                </details>
              )}
            </div>
          );
        }}
      </QueryView>
    </section>
  );
}
